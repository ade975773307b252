package org.timecoin.domain.block;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * Bitcoin-style Merkle root over txids: each level hashes pairs as SHA-256(left ‖ right), and a
 * level of odd length pairs its last hash with itself. The root of one txid is that txid; the root
 * of none is {@link Hash32#ZERO}.
 *
 * <p>Known weakness (CVE-2012-2459): because the last hash is duplicated, the lists [a, b, c] and
 * [a, b, c, c] have the same root, so a block whose txids repeat at the end can share its root with
 * a valid block. Block validation therefore rejects any block with duplicate txids before it trusts
 * the root. The related leaf/node confusion needs a 64-byte transaction, which cannot exist: an
 * encoded transaction is 28 + 132·inputs + 28·outputs bytes, never 64.
 */
public final class MerkleRoot {
  private MerkleRoot() {}

  public static Hash32 of(List<Hash32> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return Hash32.ZERO;
    }
    if (n == 1) {
      return leaves.get(0);
    }
    byte[][] level = new byte[n][];
    for (int i = 0; i < n; i++) {
      level[i] = leaves.get(i).toBytes();
    }
    while (n > 1) {
      int next = 0;
      for (int i = 0; i < n; i += 2) {
        byte[] left = level[i];
        byte[] right = i + 1 < n ? level[i + 1] : left;
        level[next++] = Sha256.digest(left, right);
      }
      n = next;
    }
    return Hash32.wrap(level[0]);
  }
}
