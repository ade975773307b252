package org.timecoin.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Refuses numbers no method can take: integers outside 64 bits (which would otherwise wrap around
 * or round) and decimals with absurd precision or exponent (which cost time to convert).
 */
final class StrictNumbers {
  private static final int MAX_DECIMAL_SCALE = 64;
  private static final int MAX_DECIMAL_PRECISION = 64;

  private StrictNumbers() {}

  /** Whether every number in {@code node} (nesting is bounded by the parser) is acceptable. */
  static boolean fit(JsonNode node) {
    if (node.isNumber()) {
      if (node.isIntegralNumber()) {
        return node.canConvertToLong();
      }
      if (node.isBigDecimal()) {
        BigDecimal d = node.decimalValue();
        return Math.abs(d.scale()) <= MAX_DECIMAL_SCALE && d.precision() <= MAX_DECIMAL_PRECISION;
      }
      return Double.isFinite(node.doubleValue());
    }
    for (JsonNode child : node) {
      if (!fit(child)) {
        return false;
      }
    }
    return true;
  }
}
