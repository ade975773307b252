package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

class MerkleRootTest {
  private static final Hash32 A = Sha256.hash("a".getBytes());
  private static final Hash32 B = Sha256.hash("b".getBytes());
  private static final Hash32 C = Sha256.hash("c".getBytes());

  private static Hash32 node(Hash32 l, Hash32 r) {
    return Sha256.hash(l.toBytes(), r.toBytes());
  }

  @Test
  void emptyAndSingle() {
    assertThat(MerkleRoot.of(List.of())).isEqualTo(Hash32.ZERO);
    assertThat(MerkleRoot.of(List.of(A))).isEqualTo(A);
  }

  @Test
  void pairsHashLeftThenRight() {
    assertThat(MerkleRoot.of(List.of(A, B))).isEqualTo(node(A, B));
    assertThat(MerkleRoot.of(List.of(B, A))).isEqualTo(node(B, A)).isNotEqualTo(node(A, B));
  }

  @Test
  void oddLevelDuplicatesLast() {
    assertThat(MerkleRoot.of(List.of(A, B, C))).isEqualTo(node(node(A, B), node(C, C)));
    Hash32 ab = node(A, B);
    Hash32 cc = node(C, C);
    Hash32 fiveLeaves = node(node(ab, cc), node(node(A, A), node(A, A)));
    assertThat(MerkleRoot.of(List.of(A, B, C, C, A))).isEqualTo(fiveLeaves);
  }

  /** CVE-2012-2459: why blocks with duplicate txids must be rejected before trusting the root. */
  @Test
  void duplicatedTailGivesTheSameRoot() {
    assertThat(MerkleRoot.of(List.of(A, B, C))).isEqualTo(MerkleRoot.of(List.of(A, B, C, C)));
  }
}
