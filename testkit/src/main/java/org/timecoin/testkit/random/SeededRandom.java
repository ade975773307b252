package org.timecoin.testkit.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * Seeded randomness for reproducible tests and simulations. Each named stream derived from the seed
 * is independent, so adding a draw in one component does not shift the numbers another component
 * sees. {@link #check} reports the seed of any failure so the run can be replayed.
 */
public final class SeededRandom {
  private final long seed;

  private SeededRandom(long seed) {
    this.seed = seed;
  }

  public static SeededRandom of(long seed) {
    return new SeededRandom(seed);
  }

  public long seed() {
    return seed;
  }

  /** An independent generator for the component called {@code name}. */
  public SplittableRandom stream(String name) {
    long h = seed;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xff));
    }
    return new SplittableRandom(mix(h));
  }

  /** {@code count} well-spread seeds starting from {@code base}, the same on every run. */
  public static LongStream seeds(long base, int count) {
    return LongStream.range(0, count).map(i -> mix(base + i * 0x9E3779B97F4A7C15L));
  }

  /**
   * Runs {@code body} with a generator seeded by {@code seed}; any failure is rethrown as an
   * AssertionError whose message names the seed and {@code context}.
   */
  public static void check(long seed, String context, Consumer<SeededRandom> body) {
    try {
      body.accept(of(seed));
    } catch (Throwable t) {
      throw new AssertionError("failed with seed " + seed + " (" + context + "): " + t, t);
    }
  }

  /** Stafford's variant 13 of the SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
