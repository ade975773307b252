package org.timecoin.common;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 32-byte hash (SHA-256 output): block hashes, txids, state roots. */
public final class Hash32 implements Comparable<Hash32> {
  public static final int SIZE = 32;
  public static final Hash32 ZERO = new Hash32(new byte[SIZE]);

  private final byte[] bytes;
  private final int hash;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Wraps a copy of {@code bytes}, which must be exactly 32 bytes long. */
  public static Hash32 of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  /** Wraps {@code bytes} without copying; the caller gives up ownership of the array. */
  public static Hash32 wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes);
  }

  public static Hash32 fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE);
  }

  public byte byteAt(int i) {
    return bytes[i];
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash32 other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Hash32 o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
