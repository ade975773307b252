package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;

/** What the wallet methods share: their parameter checks and the Bitcoin-style error codes. */
final class WalletCalls {
  /** Longer passphrases are refused before the key derivation runs. */
  static final int MAX_PASSPHRASE_CHARS = 1024;

  private WalletCalls() {}

  static RpcException error(WalletException e) {
    return WalletErrors.of(e);
  }

  static String optionalString(Params params, int index, String name) throws RpcException {
    JsonNode v = params.get(index, name);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw RpcException.invalidParams("parameter '" + name + "' must be a string");
    }
    return v.asText();
  }

  static char[] passphrase(Params params, int index) throws RpcException {
    String p = params.requiredString(index, "passphrase");
    if (p.isEmpty() || p.length() > MAX_PASSPHRASE_CHARS) {
      throw RpcException.invalidParams(
          "the passphrase must be 1 to " + MAX_PASSPHRASE_CHARS + " characters");
    }
    return p.toCharArray();
  }

  static long requiredLong(Params params, int index, String name, long min, long max)
      throws RpcException {
    if (params.get(index, name) == null) {
      throw RpcException.invalidParams("missing parameter '" + name + "'");
    }
    return params.optionalLong(index, name, 0, min, max);
  }
}
