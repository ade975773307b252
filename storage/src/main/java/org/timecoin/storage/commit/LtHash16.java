package org.timecoin.storage.commit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * LtHash16 (Bellare–Micciancio, as parameterised by Lewi et al. 2019): a multiset hash whose value
 * is a vector of 1024 lanes of 16 bits. An element is expanded to 1024 pseudo-random lanes ({@link
 * ElementExpander}); adding an element adds its lanes mod 2^16, removing subtracts them. The value
 * therefore depends only on the multiset, not on the order of updates, and updating costs one
 * expansion per element whatever the size of the set.
 *
 * <p>Lanes are packed four to a {@code long} (lane {@code i} is bits {@code 16*(i%4)} of word
 * {@code i/4}, which is also the little-endian byte layout of {@link #toBytes()}), so a lane-wise
 * add is 256 word operations with the carry out of each lane masked off (SWAR).
 *
 * <p>Mutable and not thread-safe: each thread works on its own instance and the results are
 * combined with {@link #add(LtHash16)}.
 */
public final class LtHash16 {
  public static final int LANES = 1024;
  public static final int BYTES = LANES * 2;
  static final int WORDS = LANES / 4;

  private static final long HIGH = 0x8000_8000_8000_8000L;
  private static final long LOW = ~HIGH;
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] ROOT_TAG =
      "timecoin/lthash16/root/v1".getBytes(StandardCharsets.UTF_8);

  private final long[] words;

  private LtHash16(long[] words) {
    this.words = words;
  }

  /** The hash of the empty multiset: all lanes zero. */
  public static LtHash16 empty() {
    return new LtHash16(new long[WORDS]);
  }

  /** Restores a value saved with {@link #toBytes()}. */
  public static LtHash16 fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "LtHash16 state must be " + BYTES + " bytes, got " + bytes.length);
    }
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = (long) WORD.get(bytes, i * 8);
    }
    return new LtHash16(w);
  }

  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    for (int i = 0; i < WORDS; i++) {
      WORD.set(out, i * 8, words[i]);
    }
    return out;
  }

  public LtHash16 copy() {
    return new LtHash16(words.clone());
  }

  /** Lane {@code i} as an unsigned 16-bit value. */
  public int lane(int i) {
    return (int) (words[i >>> 2] >>> (16 * (i & 3))) & 0xFFFF;
  }

  /** Adds one element (its canonical bytes). */
  public LtHash16 add(byte[] element) {
    return add(element, 0, element.length);
  }

  /** Adds the element held in {@code length} bytes of {@code buffer} from {@code offset}. */
  public LtHash16 add(byte[] buffer, int offset, int length) {
    addExpanded(ElementExpander.expand(buffer, offset, length));
    return this;
  }

  /** Removes one element (its canonical bytes). */
  public LtHash16 remove(byte[] element) {
    subtractExpanded(ElementExpander.expand(element));
    return this;
  }

  /** Adds the multiset represented by {@code other}. */
  public LtHash16 add(LtHash16 other) {
    for (int i = 0; i < WORDS; i++) {
      words[i] = addLanes(words[i], other.words[i]);
    }
    return this;
  }

  /** Removes the multiset represented by {@code other}. */
  public LtHash16 subtract(LtHash16 other) {
    for (int i = 0; i < WORDS; i++) {
      words[i] = subtractLanes(words[i], other.words[i]);
    }
    return this;
  }

  void addExpanded(byte[] lanes) {
    for (int i = 0; i < WORDS; i++) {
      words[i] = addLanes(words[i], (long) WORD.get(lanes, i * 8));
    }
  }

  void subtractExpanded(byte[] lanes) {
    for (int i = 0; i < WORDS; i++) {
      words[i] = subtractLanes(words[i], (long) WORD.get(lanes, i * 8));
    }
  }

  /** Four independent 16-bit additions: add the low 15 bits, then fix the top bit of each lane. */
  static long addLanes(long x, long y) {
    return ((x & LOW) + (y & LOW)) ^ ((x ^ y) & HIGH);
  }

  /** Four independent 16-bit subtractions: borrow into the forced top bit, then fix it. */
  static long subtractLanes(long x, long y) {
    return ((x | HIGH) - (y & LOW)) ^ ((x ^ ~y) & HIGH);
  }

  public boolean isEmpty() {
    for (long w : words) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  /** The 32-byte commitment: SHA-256 over a domain tag and the lanes. */
  public Hash32 digest() {
    return Sha256.hash(ROOT_TAG, toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LtHash16 other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "LtHash16[" + digest().toHex() + "]";
  }
}
