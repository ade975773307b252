package org.timecoin.rpc;

import java.math.BigDecimal;

/**
 * Amounts in TIME as clients write them (decimal, up to 8 places: 1 unit = 0.00000001 TIME), turned
 * into units exactly: from the digits the client sent, never through a binary double. Shared by the
 * RPC methods and time-cli.
 */
public final class TimeAmount {
  public static final int DECIMALS = 8;

  /**
   * The most units any amount may carry: a transaction's outputs must sum within a signed 64-bit
   * count, so no supply of this chain can exceed it.
   */
  public static final long MAX_UNITS = Long.MAX_VALUE;

  private TimeAmount() {}

  /** Units of {@code time} TIME; IllegalArgumentException saying what is wrong otherwise. */
  public static long toUnits(BigDecimal time) {
    if (time.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    BigDecimal t = time.stripTrailingZeros();
    if (t.scale() > DECIMALS) {
      throw new IllegalArgumentException(
          "amount has more than " + DECIMALS + " decimals (1 unit = 0.00000001 TIME)");
    }
    // Digits left of the point: checked before any arithmetic, so 1e999999999 costs nothing.
    if (t.precision() - t.scale() > 19) {
      throw overSupply();
    }
    BigDecimal units = t.movePointRight(DECIMALS);
    if (units.compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
      throw overSupply();
    }
    return units.longValueExact();
  }

  /**
   * Units of decimal TIME text ("1.5", "0.00000001", "2e-3"); non-numbers, "NaN" and "Infinity" are
   * refused.
   */
  public static long parse(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > 64) {
      throw new IllegalArgumentException("amount must be a decimal number of TIME");
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("nan") || lower.contains("inf")) {
      throw new IllegalArgumentException("amount must be a finite number");
    }
    try {
      return toUnits(new BigDecimal(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount must be a decimal number of TIME");
    }
  }

  /** Units as exact decimal TIME text. */
  public static String format(long units) {
    return BigDecimal.valueOf(units, DECIMALS).stripTrailingZeros().toPlainString();
  }

  private static IllegalArgumentException overSupply() {
    return new IllegalArgumentException(
        "amount exceeds the largest possible supply of " + format(MAX_UNITS) + " TIME");
  }
}
