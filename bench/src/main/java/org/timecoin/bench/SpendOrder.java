package org.timecoin.bench;

/**
 * Visits every index of {@code 0..size-1} once, in a scattered order (a stride coprime with the
 * size), so consecutive spends hit unrelated parts of the key space as real spends do.
 */
final class SpendOrder {
  private final long size;
  private final long stride;
  private long position;
  private long taken;

  SpendOrder(long size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("nothing to spend");
    }
    this.size = size;
    long s = Math.max(1, (long) (size * 0.6180339887) | 1);
    while (gcd(s, size) != 1) {
      s++;
    }
    this.stride = s % size == 0 ? 1 : s;
    this.position = Math.floorMod(seed, size);
  }

  long remaining() {
    return size - taken;
  }

  long next() {
    if (taken == size) {
      throw new IllegalStateException("all " + size + " UTXOs are spent: use more --utxos");
    }
    long current = position;
    position = (position + stride) % size;
    taken++;
    return current;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
