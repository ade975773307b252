package org.timecoin.storage.kv;

import java.util.Arrays;

/**
 * A range of keys in unsigned lexicographic order: {@code from} inclusive, {@code to} exclusive; a
 * null bound is open.
 */
public final class KeyRange {
  private static final KeyRange ALL = new KeyRange(null, null);

  private final byte[] from;
  private final byte[] to;

  private KeyRange(byte[] from, byte[] to) {
    this.from = from;
    this.to = to;
  }

  public static KeyRange all() {
    return ALL;
  }

  /** Keys in [from, to); either bound may be null for "unbounded". */
  public static KeyRange between(byte[] from, byte[] to) {
    return new KeyRange(from == null ? null : from.clone(), to == null ? null : to.clone());
  }

  /** Keys that start with {@code prefix}. */
  public static KeyRange prefix(byte[] prefix) {
    return new KeyRange(prefix.clone(), successorOfPrefix(prefix));
  }

  /** The smallest key greater than every key starting with prefix, or null if there is none. */
  static byte[] successorOfPrefix(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] next = Arrays.copyOf(prefix, i + 1);
        next[i]++;
        return next;
      }
    }
    return null;
  }

  /** Inclusive lower bound, or null. Do not modify the returned array. */
  public byte[] from() {
    return from;
  }

  /** Exclusive upper bound, or null. Do not modify the returned array. */
  public byte[] to() {
    return to;
  }

  public boolean contains(byte[] key) {
    return (from == null || Arrays.compareUnsigned(key, from) >= 0)
        && (to == null || Arrays.compareUnsigned(key, to) < 0);
  }
}
