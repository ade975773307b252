package org.timecoin.domain.tx;

import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * The message signed for one input: SHA-256(chainId ‖ unsignedTxid ‖ u32le inputIndex). Binding the
 * chain id stops replay on another chain; binding the index stops a signature from being moved to
 * another input of the same transaction.
 */
public final class SigHash {
  private static final int PREFIX_SIZE = 2 * Hash32.SIZE;

  private SigHash() {}

  /** The 32-byte message input {@code index} of {@code tx} signs on chain {@code chainId}. */
  public static byte[] of(Hash32 chainId, Transaction tx, int index) {
    byte[] buf = prefix(chainId, tx);
    setIndex(buf, index);
    return Sha256.digest(buf);
  }

  /** The messages of all inputs of {@code tx}, building the shared prefix once. */
  public static byte[][] all(Hash32 chainId, Transaction tx) {
    int n = tx.inputs().size();
    byte[][] out = new byte[n][];
    byte[] buf = prefix(chainId, tx);
    for (int i = 0; i < n; i++) {
      setIndex(buf, i);
      out[i] = Sha256.digest(buf);
    }
    return out;
  }

  private static byte[] prefix(Hash32 chainId, Transaction tx) {
    byte[] buf = new byte[PREFIX_SIZE + 4];
    chainId.copyTo(buf, 0);
    tx.unsignedTxid().copyTo(buf, Hash32.SIZE);
    return buf;
  }

  private static void setIndex(byte[] buf, int index) {
    buf[PREFIX_SIZE] = (byte) index;
    buf[PREFIX_SIZE + 1] = (byte) (index >>> 8);
    buf[PREFIX_SIZE + 2] = (byte) (index >>> 16);
    buf[PREFIX_SIZE + 3] = (byte) (index >>> 24);
  }
}
