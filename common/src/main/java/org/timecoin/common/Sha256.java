package org.timecoin.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with one reusable digest per thread. */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
          });

  private Sha256() {}

  public static byte[] digest(byte[] data) {
    return DIGEST.get().digest(data);
  }

  public static byte[] digest(byte[] data, int offset, int length) {
    MessageDigest md = DIGEST.get();
    md.update(data, offset, length);
    return md.digest();
  }

  /** SHA-256 over the concatenation of {@code parts}. */
  public static byte[] digest(byte[]... parts) {
    MessageDigest md = DIGEST.get();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  public static Hash32 hash(byte[] data) {
    return Hash32.wrap(digest(data));
  }

  public static Hash32 hash(byte[]... parts) {
    return Hash32.wrap(digest(parts));
  }

  /** SHA-256 applied twice, as in address checksums. */
  public static byte[] doubleDigest(byte[] data) {
    return digest(digest(data));
  }
}
