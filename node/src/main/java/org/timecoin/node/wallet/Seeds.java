package org.timecoin.node.wallet;

import java.util.Arrays;

/** Arrays of 32-byte Ed25519 seeds: joined for the file, split for use, zeroed when dropped. */
final class Seeds {
  static final int SIZE = 32;

  private Seeds() {}

  static byte[][] split(byte[] joined, int count) {
    byte[][] out = new byte[count][];
    for (int i = 0; i < count; i++) {
      out[i] = Arrays.copyOfRange(joined, i * SIZE, (i + 1) * SIZE);
    }
    return out;
  }

  static byte[] join(byte[][] s) {
    byte[] out = new byte[s.length * SIZE];
    for (int i = 0; i < s.length; i++) {
      System.arraycopy(s[i], 0, out, i * SIZE, SIZE);
    }
    return out;
  }

  static byte[][] append(byte[][] s, byte[] seed) {
    byte[][] out = Arrays.copyOf(s == null ? new byte[0][] : s, (s == null ? 0 : s.length) + 1);
    out[out.length - 1] = seed;
    return out;
  }

  static void wipe(byte[][] s) {
    if (s != null) {
      for (byte[] seed : s) {
        Arrays.fill(seed, (byte) 0);
      }
    }
  }
}
