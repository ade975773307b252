package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;

/**
 * What the node's files allow, its codecs read back: the largest genesis a genesis file may hold,
 * and the largest block the {@code [block]} section lets a node propose.
 */
class CodecLimitsTest {
  @TempDir Path dir;

  private static final KeyPair KEY = KeyPair.fromSeed(new byte[32]);
  private static final Address ADDRESS = Address.fromPublicKey(KEY.publicKey());

  private static int largestAllocationCount() {
    int empty = new Transaction(GenesisConfig.TX_VERSION, List.of(), List.of(), 0, 0).encodedSize();
    return (Transaction.MAX_SIZE - empty) / TxOut.ENCODED_SIZE;
  }

  private static GenesisConfig withAllocations(List<TxOut> allocations) {
    GenesisConfig g = GenesisFileTest.sample();
    return new GenesisConfig(
        g.chainName(), g.network(), g.timestamp(), g.validators(), allocations, g.params());
  }

  @Test
  void theLargestGenesisFileReadsBackAndItsBlockDecodes() {
    GenesisConfig largest =
        withAllocations(Collections.nCopies(largestAllocationCount(), new TxOut(1_000, ADDRESS)));
    Path file = dir.resolve("genesis.json");

    GenesisFile.write(file, largest);
    GenesisConfig back = GenesisFile.load(file);

    assertThat(back.hash()).isEqualTo(largest.hash());
    Block block = back.genesisBlock(Hash32.ZERO);
    assertThat(Block.CODEC.decode(Block.CODEC.encode(block)).hash()).isEqualTo(block.hash());
  }

  @Test
  void aGenesisFileWithMoreAllocationsIsRefusedNamingTheLimit() throws Exception {
    GenesisConfig small = withAllocations(List.of(new TxOut(1_000, ADDRESS)));
    ObjectNode tree = (ObjectNode) GenesisFile.toTree(small);
    JsonNode one = tree.get("allocations").get(0);
    ArrayNode many = tree.putArray("allocations");
    for (int i = 0; i <= largestAllocationCount(); i++) {
      many.add(one);
    }
    Path file = dir.resolve("genesis.json");
    Files.writeString(file, tree.toString());

    assertThatThrownBy(() -> GenesisFile.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limit of a transaction");
  }

  @Test
  void theMostTransactionsABlockSectionAllowsDecode() throws Exception {
    assertThat(loadBlockSection("max_block_txs", Block.MAX_TXS).maxBlockTxs())
        .isEqualTo(Block.MAX_TXS);
    assertThatThrownBy(() -> loadBlockSection("max_block_txs", Block.MAX_TXS + 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_block_txs");
  }

  @Test
  void theLargestBlockSectionSizeHoldsFewerSmallestTransactionsThanTheCodecReads()
      throws Exception {
    int maxBytes = loadBlockSection("max_block_bytes", 64 * 1024 * 1024).maxBlockBytes();
    assertThatThrownBy(() -> loadBlockSection("max_block_bytes", maxBytes + 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_block_bytes");
    Transaction smallest =
        new TxBuilder()
            .input(new OutPoint(Hash32.ZERO, 0), KEY)
            .output(1_000, ADDRESS)
            .sign(Hash32.ZERO);

    long most = (maxBytes - BlockHeader.ENCODED_SIZE - 4L) / smallest.encodedSize();

    assertThat(most).isLessThanOrEqualTo(Block.MAX_TXS);
  }

  /** Writes a default config with one {@code [block]} key changed and loads it back. */
  private BlockSection loadBlockSection(String key, long value) throws Exception {
    Path file = dir.resolve("config.toml");
    ConfigLoader.write(file, NodeConfig.defaults(dir, NetworkName.TESTNET));
    String text =
        Files.readString(file).replaceFirst("(?m)^" + key + " = .*$", key + " = " + value);
    assertThat(text).contains(key + " = " + value);
    Files.writeString(file, text);
    return ConfigLoader.load(file).block();
  }
}
