package org.timecoin.bench;

import java.util.Arrays;

/** Dimensionless values (a figure over the limit measured next to it) with their median. */
final class Ratios {
  private double[] values = new double[32];
  private int count;

  void add(double value) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = value;
  }

  double median() {
    if (count == 0) {
      throw new IllegalStateException("no values");
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }
}
