package org.timecoin.testkit.sim;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of longs. */
final class Percentiles {
  private Percentiles() {}

  /** The {@code p}-th percentile (0 < p <= 100) by nearest rank; -1 for an empty sample. */
  static long of(long[] values, double p) {
    if (values.length == 0) {
      return -1;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
  }
}
