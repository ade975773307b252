package org.timecoin.domain.validation;

import java.math.BigInteger;

/** Integer arithmetic of the reward rules, exact where a 64-bit product could overflow. */
final class ExactMath {
  private ExactMath() {}

  /**
   * floor(a × b / c) over the full 128-bit product, for a, b >= 0 and c > 0 whose quotient fits in
   * a long (the callers' quotients never exceed {@code a}, as b <= c).
   */
  static long mulDiv(long a, long b, long c) {
    if (a < 0 || b < 0 || c <= 0) {
      throw new IllegalArgumentException("mulDiv needs a, b >= 0 and c > 0");
    }
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      return low / c;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }
}
