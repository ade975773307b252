package org.timecoin.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.node.net.SyncMessages.Status;

class CodecsTest {
  static Hash32 hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash32.wrap(b);
  }

  static <T> void assertHintExact(Codec<T> codec, T value) {
    assertThat(codec.sizeHint(value)).as("size hint").isEqualTo(codec.encode(value).length);
  }

  static <T> T roundTrip(Codec<T> codec, T value) {
    byte[] bytes = codec.encode(value);
    T back = codec.decode(bytes);
    assertThat(codec.encode(back)).isEqualTo(bytes);
    return back;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234567})
  void messagesRoundTrip(long seed) {
    Random r = new Random(seed);
    KeyPair k = KeyPair.fromSeed(hash(r).toBytes());
    byte[] sig = new byte[64];
    r.nextBytes(sig);
    Vote nil =
        new Vote(VoteType.PREVOTE, r.nextLong(1 << 40), r.nextInt(100), null, k.publicKey(), sig);
    Vote some =
        new Vote(
            VoteType.PRECOMMIT, r.nextLong(1 << 40), r.nextInt(100), hash(r), k.publicKey(), sig);
    assertThat(roundTrip(ConsensusCodecs.VOTE, nil)).as("seed %d", seed).isEqualTo(nil);
    assertThat(roundTrip(ConsensusCodecs.VOTE, some)).as("seed %d", seed).isEqualTo(some);
    assertThat(roundTrip(SyncMessages.STATUS, new Status(r.nextLong(1L << 50), hash(r))).height())
        .isNotNegative();
    assertThat(roundTrip(SyncMessages.GET_BLOCKS, new GetBlocks(5, 1 + r.nextInt(128))).from())
        .isEqualTo(5);
    StateRoot sr = new StateRoot(9, r.nextBoolean(), hash(r), hash(r));
    assertThat(roundTrip(SyncMessages.STATE_ROOT, sr)).isEqualTo(sr);
  }

  @Test
  void proposalWithBlockAndCertifiedBlocksRoundTrip() {
    try (TestChain t = new TestChain(1)) {
      Block genesis = t.chain.store().blocks().blockAt(0).orElseThrow();
      KeyPair k = t.validatorKeys.get(0);
      Proposal p = new Proposal(1, 0, genesis.hash(), -1, k.publicKey(), k.sign(new byte[] {1}));
      ProposalMessage back = roundTrip(ConsensusCodecs.PROPOSAL, new ProposalMessage(p, genesis));
      assertThat(back.proposal()).isEqualTo(p);
      assertThat(back.block().hash()).isEqualTo(genesis.hash());
      SyncMessages.Blocks blocks =
          new SyncMessages.Blocks(List.of(new CertifiedBlock(genesis, t.certify(genesis))));
      assertThat(roundTrip(SyncMessages.BLOCKS, blocks).blocks().get(0).certificate())
          .isEqualTo(t.certify(genesis));
      // Blocks are megabytes: their messages are encoded into buffers of their exact size.
      ProposalMessage proposal = new ProposalMessage(p, genesis);
      assertHintExact(ConsensusCodecs.PROPOSAL, proposal);
      assertHintExact(SyncMessages.BLOCKS, blocks);
      assertHintExact(
          BlockTxsMessages.BLOCK_TXS, new BlockTxsMessages.BlockTxs(genesis.hash(), genesis.txs()));
    }
  }

  @Test
  void rejectsOutOfRangeRequestsAndTrailingBytes() {
    byte[] zero = SyncMessages.GET_BLOCKS.encode(new GetBlocks(1, 1));
    zero[8] = 0; // count 0
    assertThatThrownBy(() -> SyncMessages.GET_BLOCKS.decode(zero))
        .isInstanceOf(CodecException.class);
    byte[] many = SyncMessages.GET_BLOCKS.encode(new GetBlocks(1, 1));
    many[8] = (byte) 200;
    assertThatThrownBy(() -> SyncMessages.GET_BLOCKS.decode(many))
        .isInstanceOf(CodecException.class);
    byte[] vote =
        ConsensusCodecs.VOTE.encode(
            new Vote(
                VoteType.PREVOTE,
                1,
                0,
                null,
                KeyPair.fromSeed(new byte[32]).publicKey(),
                new byte[64]));
    vote[0] = 9; // unknown vote type
    assertThatThrownBy(() -> ConsensusCodecs.VOTE.decode(vote)).isInstanceOf(CodecException.class);
    byte[] status = SyncMessages.STATUS.encode(new Status(1, Hash32.ZERO));
    byte[] longer = java.util.Arrays.copyOf(status, status.length + 1);
    assertThatThrownBy(() -> SyncMessages.STATUS.decode(longer)).isInstanceOf(CodecException.class);
  }

  @Test
  void transactionBatchesRoundTripAndEmptyOrOversizedOnesAreRefused() {
    try (TestChain t = new TestChain(1)) {
      var tx = t.genesis.genesisTransaction();
      TxBatch batch = new TxBatch(List.of(tx, tx));
      assertThat(roundTrip(TxBatch.CODEC, batch).txs())
          .extracting(x -> x.txid())
          .containsExactly(tx.txid(), tx.txid());
      var generic = new org.timecoin.common.codec.ByteWriter();
      TxBatch.CODEC.write(generic, batch);
      assertThat(TxBatch.CODEC.encode(batch))
          .as("sized up front, same bytes")
          .isEqualTo(generic.toByteArray())
          .hasSize(generic.size());
      assertThat(TxBatch.CODEC.sizeHint(batch)).as("the buffer's size").isEqualTo(generic.size());
    }
    byte[] empty = new org.timecoin.common.codec.ByteWriter().u32(0).toByteArray();
    assertThatThrownBy(() -> TxBatch.CODEC.decode(empty))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("empty");
    byte[] tooMany =
        new org.timecoin.common.codec.ByteWriter().u32(TxBatch.MAX_TXS + 1).toByteArray();
    assertThatThrownBy(() -> TxBatch.CODEC.decode(tooMany)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> new TxBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
