package org.timecoin.domain.tx;

import java.math.BigDecimal;

/** Amounts are longs in units; 1 TIME = 10^8 units. Sums are overflow-checked. */
public final class Amounts {
  public static final long UNITS_PER_TIME = 100_000_000L;

  private Amounts() {}

  /** {@code a + b}, throwing ArithmeticException on overflow. */
  public static long add(long a, long b) {
    return Math.addExact(a, b);
  }

  /** Whole TIME to units, overflow-checked. */
  public static long ofTime(long time) {
    return Math.multiplyExact(time, UNITS_PER_TIME);
  }

  /** Exact decimal TIME text, e.g. 150000000 -> "1.5", 1 -> "0.00000001". */
  public static String toTimeString(long units) {
    return BigDecimal.valueOf(units, 8).stripTrailingZeros().toPlainString();
  }

  /**
   * Parses decimal TIME text ("1.5", "0.00000001") to units; more than 8 decimals, a negative value
   * or more than a long can hold is an IllegalArgumentException.
   */
  public static long parseTime(String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: '" + text + "'", e);
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + text);
    }
    try {
      return value.movePointRight(8).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount has more than 8 decimals or is too large: " + text, e);
    }
  }
}
