package org.timecoin.bench;

import java.util.Arrays;

/** Durations of repeated runs of one operation, in nanoseconds, with percentiles in ms. */
public final class Samples {
  private long[] nanos = new long[64];
  private int count;

  public void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  public int count() {
    return count;
  }

  /** Nearest-rank percentile ({@code p} in 0..100), in milliseconds. */
  public double percentileMs(double p) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  public double p50Ms() {
    return percentileMs(50);
  }

  public double p99Ms() {
    return percentileMs(99);
  }

  public double minMs() {
    return percentileMs(0);
  }

  public double maxMs() {
    return percentileMs(100);
  }

  public double meanMs() {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += nanos[i];
    }
    return sum / count / 1e6;
  }

  public double totalMs() {
    return meanMs() * count;
  }
}
