package org.timecoin.domain.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;

/** An Ed25519 public key: 32 bytes, immutable. Any 32 bytes are accepted; verify decides. */
public final class PublicKey implements Comparable<PublicKey> {
  public static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;

  /** Fixed 32 bytes, no length prefix. */
  public static final Codec<PublicKey> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, PublicKey value) {
          out.raw(value.bytes);
        }

        @Override
        public PublicKey read(ByteReader in) {
          return new PublicKey(in.raw(SIZE));
        }
      };

  private final byte[] bytes;
  private final int hash;
  // Decoded point, computed on first verify (about a fifth of a verification) and reused: keys of
  // validators and of repeat payers are verified many times. Racy single-check: PublicPoint's only
  // field is final, so a published point is always complete.
  private org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;
  private boolean notAPoint;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Copies {@code bytes}, which must be 32 long. */
  public static PublicKey of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("public key must be 32 bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone());
  }

  public static PublicKey fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** Same answer as {@link Ed25519#verify(byte[], byte[], byte[])} on these key bytes. */
  public boolean verify(byte[] msg, byte[] sig) {
    var p = point;
    if (p == null) {
      if (notAPoint) {
        return false;
      }
      p = Ed25519.decodePoint(bytes);
      if (p == null) {
        notAPoint = true;
        return false;
      }
      point = p;
    }
    return Ed25519.verify(p, msg, sig);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The key bytes without a copy; callers must not modify them. */
  byte[] rawBytes() {
    return bytes;
  }

  /** Writes the 32 bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(PublicKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
