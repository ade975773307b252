package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

class VoteSignBytesTest {
  private static final Hash32 CHAIN = Sha256.hash("chain".getBytes());
  private static final Hash32 BLOCK = Sha256.hash("block".getBytes());

  @Test
  void layoutIsTagChainTypeHeightRoundHash() {
    ByteBuffer b = ByteBuffer.allocate(12 + 32 + 1 + 8 + 4 + 32).order(ByteOrder.LITTLE_ENDIAN);
    b.put("TIME/vote/v1".getBytes()).put(CHAIN.toBytes()).put((byte) 2).putLong(7).putInt(3);
    b.put(BLOCK.toBytes());
    assertThat(VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, 7, 3, BLOCK))
        .isEqualTo(Sha256.digest(b.array()))
        .hasSize(32);
  }

  @Test
  void nilVoteSignsZeroHash() {
    assertThat(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 0, null))
        .isEqualTo(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 0, Hash32.ZERO));
  }

  @Test
  void everyFieldChangesTheBytes() {
    Hash32 other = Sha256.hash("other".getBytes());
    Set<String> distinct = new HashSet<>();
    HexFormat hex = HexFormat.of();
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 0, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.of(other, VoteType.PREVOTE, 1, 0, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, 1, 0, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 2, 0, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 1, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 0, other)));
    distinct.add(hex.formatHex(VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 1, 0, null)));
    distinct.add(hex.formatHex(VoteSignBytes.proposal(CHAIN, 1, 0, -1, BLOCK)));
    distinct.add(hex.formatHex(VoteSignBytes.proposal(CHAIN, 1, 0, 0, BLOCK)));
    assertThat(distinct).hasSize(9);
  }

  @Test
  void voteTypeCodes() {
    assertThat(VoteType.ofCode(1)).isEqualTo(VoteType.PREVOTE);
    assertThat(VoteType.ofCode(2)).isEqualTo(VoteType.PRECOMMIT);
    assertThatThrownBy(() -> VoteType.ofCode(3)).isInstanceOf(IllegalArgumentException.class);
  }
}
