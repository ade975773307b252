package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.timecoin.rpc.TimeAmount;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;

/**
 * An amount parameter in TIME: a JSON number (read as the decimal the client wrote, since the
 * server keeps floats as BigDecimal) or a decimal string, converted to units exactly.
 */
final class AmountParam {
  private AmountParam() {}

  static long required(Params params, int index, String name) throws RpcException {
    JsonNode v = params.get(index, name);
    if (v == null) {
      throw RpcException.invalidParams("missing parameter '" + name + "'");
    }
    return units(v, name);
  }

  static long units(JsonNode v, String name) throws RpcException {
    try {
      if (v.isTextual()) {
        return TimeAmount.parse(v.asText());
      }
      if (!v.isNumber()) {
        throw new IllegalArgumentException("amount must be a number of TIME");
      }
      if (v.isDouble() || v.isFloat()) {
        // The server's mapper keeps floats as BigDecimal; a binary double here has lost the
        // digits the client wrote, so it is refused rather than rounded.
        throw new IllegalArgumentException(
            Double.isFinite(v.asDouble())
                ? "amount must be a decimal number of TIME"
                : "amount must be a finite number");
      }
      BigDecimal d = v.decimalValue();
      return TimeAmount.toUnits(d);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("parameter '" + name + "': " + e.getMessage());
    }
  }
}
