package org.timecoin.domain.tx;

import java.nio.charset.StandardCharsets;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * The message signed for one input: SHA-256(chainId ‖ unsignedTxid ‖ u32le inputIndex). Binding the
 * chain id stops replay on another chain; binding the index stops a signature from being moved to
 * another input of the same transaction.
 *
 * <p>A masternode payload's signature signs SHA-256(chainId ‖ unsignedTxid ‖ role), the role being
 * the ASCII word "operator" (registration) or "owner" (deregistration); the suffix keeps these
 * messages apart from each other and from every input's (whose suffix is 4 bytes long).
 */
public final class SigHash {
  private static final int PREFIX_SIZE = 2 * Hash32.SIZE;
  private static final byte[] OPERATOR = "operator".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OWNER = "owner".getBytes(StandardCharsets.US_ASCII);

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

  /** The message a registration's operator key signs. */
  public static byte[] operator(Hash32 chainId, Hash32 unsignedTxid) {
    return withRole(chainId, unsignedTxid, OPERATOR);
  }

  /** The message a deregistration's owner key signs. */
  public static byte[] owner(Hash32 chainId, Hash32 unsignedTxid) {
    return withRole(chainId, unsignedTxid, OWNER);
  }

  private static byte[] withRole(Hash32 chainId, Hash32 unsignedTxid, byte[] role) {
    byte[] buf = new byte[PREFIX_SIZE + role.length];
    chainId.copyTo(buf, 0);
    unsignedTxid.copyTo(buf, Hash32.SIZE);
    System.arraycopy(role, 0, buf, PREFIX_SIZE, role.length);
    return Sha256.digest(buf);
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
