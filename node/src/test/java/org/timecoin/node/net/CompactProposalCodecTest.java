package org.timecoin.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;

/** The compact proposal and fetch codecs: round trips, and the bounds a hostile count meets. */
class CompactProposalCodecTest {
  static final CompactProposal C = CompactSample.compact(30);

  @Test
  void aCompactProposalRoundTripsAndItsSizeIsExact() {
    byte[] bytes = CompactProposal.CODEC.encode(C);
    CompactProposal back = CompactProposal.CODEC.decode(bytes);
    assertThat(bytes).hasSize(C.encodedSize());
    assertThat(back.proposal()).isEqualTo(C.proposal());
    assertThat(back.header()).isEqualTo(C.header());
    assertThat(back.prefilled()).isEqualTo(C.prefilled());
    assertThat(back.shortIds()).containsExactly(C.shortIds());
    assertThat(CompactProposal.CODEC.encode(back)).isEqualTo(bytes);
  }

  /** Everything up to the short-id count of {@link #C}, then {@code tail}. */
  static byte[] withShortIdTail(long count, int idBytes) {
    CompactProposal noIds =
        new CompactProposal(C.proposal(), C.header(), C.lastCommit(), C.prefilled(), new long[0]);
    byte[] head = CompactProposal.CODEC.encode(noIds);
    ByteWriter w = new ByteWriter();
    w.raw(java.util.Arrays.copyOf(head, head.length - 4)).u32(count).raw(new byte[idBytes]);
    return w.toByteArray();
  }

  @Test
  void aShortIdCountBeyondTheInputIsRefusedBeforeAnythingIsAllocated() {
    assertThatThrownBy(() -> CompactProposal.CODEC.decode(withShortIdTail(0xFFFF_FFFFL, 16)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("short ids cannot fit in 16 bytes");
    assertThat(CompactProposal.CODEC.decode(withShortIdTail(2, 16)).shortIds()).hasSize(2);
  }

  @Test
  void prefilledIndexesMustAscendWithinTheBlock() {
    var p = C.prefilled().get(0);
    assertThatThrownBy(
            () ->
                new CompactProposal(
                    C.proposal(), C.header(), C.lastCommit(), List.of(p, p), C.shortIds()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not ascending");
    var beyond = new CompactProposal.Prefilled(31, p.tx());
    assertThatThrownBy(
            () ->
                new CompactProposal(
                    C.proposal(), C.header(), C.lastCommit(), List.of(beyond), C.shortIds()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFetchRequestRoundTripsAndRefusesDisorderedOrOversizedIndexLists() {
    GetBlockTxs g = new GetBlockTxs(Hash32.ZERO, new int[] {1, 5, 9});
    GetBlockTxs back =
        BlockTxsMessages.GET_BLOCK_TXS.decode(BlockTxsMessages.GET_BLOCK_TXS.encode(g));
    assertThat(back.indexes()).containsExactly(1, 5, 9);
    ByteWriter w = new ByteWriter().hash(Hash32.ZERO).u32(2).u32(5).u32(5);
    assertThatThrownBy(() -> BlockTxsMessages.GET_BLOCK_TXS.decode(w.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("ascending");
    ByteWriter huge = new ByteWriter().hash(Hash32.ZERO).u32(1 << 30).u32(1);
    assertThatThrownBy(() -> BlockTxsMessages.GET_BLOCK_TXS.decode(huge.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot fit");
    ByteWriter none = new ByteWriter().hash(Hash32.ZERO).u32(0);
    assertThatThrownBy(() -> BlockTxsMessages.GET_BLOCK_TXS.decode(none.toByteArray()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no transactions");
  }

  @Test
  void aFetchAnswerRoundTrips() {
    BlockTxs b = new BlockTxs(Sha256.hash(new byte[] {1}), List.of(C.prefilled().get(0).tx()));
    assertThat(BlockTxsMessages.BLOCK_TXS.decode(BlockTxsMessages.BLOCK_TXS.encode(b)))
        .isEqualTo(b);
  }

  @Test
  void shortIdsDependOnTheBlock() {
    Hash32 txid = Sha256.hash(new byte[] {42});
    long a = new ShortTxIds(Sha256.hash(new byte[] {1})).of(txid);
    long b = new ShortTxIds(Sha256.hash(new byte[] {2})).of(txid);
    assertThat(a).isNotEqualTo(b);
    assertThat(new ShortTxIds(Sha256.hash(new byte[] {1})).of(txid)).isEqualTo(a);
  }
}
