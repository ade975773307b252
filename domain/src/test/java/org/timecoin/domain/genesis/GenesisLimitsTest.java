package org.timecoin.domain.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.testing.DomainGen;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

/** The largest genesis the constructor accepts is one every codec reads back. */
class GenesisLimitsTest {
  private final DomainGen gen = new DomainGen(13);

  private GenesisConfig genesis(int allocationCount) {
    TxOut coin = new TxOut(1_000, gen.address());
    return new GenesisConfig(
        "timecoin-devnet",
        Network.TESTNET,
        1_700_000_000_000L,
        List.of(gen.validator()),
        Collections.nCopies(allocationCount, coin),
        ConsensusParams.defaults());
  }

  /** The most allocations whose genesis transaction stays within {@link Transaction#MAX_SIZE}. */
  private static int largestAllocationCount() {
    int empty = new Transaction(GenesisConfig.TX_VERSION, List.of(), List.of(), 0, 0).encodedSize();
    return (Transaction.MAX_SIZE - empty) / TxOut.ENCODED_SIZE;
  }

  @Test
  void theLargestGenesisReadsBackWithItsBlockAndTransaction() {
    GenesisConfig largest = genesis(largestAllocationCount());

    assertThat(largestAllocationCount()).isLessThanOrEqualTo(GenesisConfig.MAX_ALLOCATIONS);
    assertThat(GenesisConfig.CODEC.decode(GenesisConfig.CODEC.encode(largest))).isEqualTo(largest);
    Block block = largest.genesisBlock(Hash32.ZERO);
    Block read = Block.CODEC.decode(Block.CODEC.encode(block));
    assertThat(read.txs().get(0).outputs()).hasSize(largestAllocationCount());
    assertThat(read.hash()).isEqualTo(block.hash());
    Transaction tx = largest.genesisTransaction();
    assertThat(tx.encodedSize()).isLessThanOrEqualTo(Transaction.MAX_SIZE);
    assertThat(Transaction.CODEC.decode(Transaction.CODEC.encode(tx)).txid()).isEqualTo(tx.txid());
  }

  @Test
  void oneAllocationMoreIsRefusedWhenBuilt() {
    assertThatThrownBy(() -> genesis(largestAllocationCount() + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining((largestAllocationCount() + 1) + " genesis allocations")
        .hasMessageContaining("limit of a transaction");
  }

  @Test
  void aLongerAllocationListIsRefusedWhenRead() {
    GenesisConfig small = genesis(1);
    ByteWriter out = new ByteWriter(64);
    out.bytes(small.chainName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.u8(small.network().ordinal()).u64(small.timestamp());
    ValidatorSet.CODEC.write(out, small.validatorSet());
    out.u32(GenesisConfig.MAX_ALLOCATIONS + 1);

    assertThatThrownBy(() -> GenesisConfig.CODEC.decode(out.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("exceeds limit " + GenesisConfig.MAX_ALLOCATIONS);
  }

  @Test
  void aCountWithinTheCodecBoundButOverTheTransactionSizeIsRefusedWhenRead() {
    List<TxOut> over = Collections.nCopies(largestAllocationCount() + 1, gen.txOut());
    GenesisConfig small = genesis(1);
    ByteWriter out = new ByteWriter(Transaction.MAX_SIZE + 1_000);
    out.bytes(small.chainName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.u8(small.network().ordinal()).u64(small.timestamp());
    ValidatorSet.CODEC.write(out, small.validatorSet());
    out.list(over, TxOut.CODEC::write);
    ConsensusParams.CODEC.write(out, small.params());

    assertThatThrownBy(() -> GenesisConfig.CODEC.decode(out.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("limit of a transaction");
  }
}
