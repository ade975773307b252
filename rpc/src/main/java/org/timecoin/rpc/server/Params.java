package org.timecoin.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code params} of a request, by position ({@code [a, b]}) or by name ({@code {"x": a}}).
 * Every accessor that fails throws an invalid-params error naming the parameter.
 */
public final class Params {
  private final JsonNode node;
  private final RpcCaller caller;

  private Params(JsonNode node, RpcCaller caller) {
    this.node = node;
    this.caller = caller;
  }

  /** {@code node} is an array, an object, or null for "no params"; called from inside the node. */
  public static Params of(JsonNode node) {
    return of(node, RpcCaller.local());
  }

  /** As {@link #of(JsonNode)}, for a request of {@code caller}. */
  public static Params of(JsonNode node, RpcCaller caller) {
    return new Params(node == null ? JsonNodeFactory.instance.arrayNode() : node, caller);
  }

  /** Who calls, and the budget of the connection the request came on. */
  public RpcCaller caller() {
    return caller;
  }

  /**
   * Declares the parameters a method takes, in position order: refuses more positional parameters
   * than that, and any named parameter that is not one of them, before the method does any work.
   */
  public Params accept(String... names) throws RpcException {
    if (node.isArray()) {
      if (node.size() > names.length) {
        throw RpcException.invalidParams(
            "takes at most "
                + names.length
                + " parameter"
                + (names.length == 1 ? "" : "s")
                + ", got "
                + node.size());
      }
    } else if (node.isObject()) {
      java.util.Set<String> known = java.util.Set.of(names);
      java.util.Iterator<String> it = node.fieldNames();
      while (it.hasNext()) {
        String key = it.next();
        if (!known.contains(key)) {
          throw RpcException.invalidParams("unknown parameter '" + Params.shortPrefix(key) + "'");
        }
      }
    } else {
      throw RpcException.invalidParams("params must be an array or an object");
    }
    return this;
  }

  /** At most 32 characters of client-supplied text, for error messages that must not echo input. */
  public static String shortPrefix(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "...";
  }

  public String requiredString(int index, String name) throws RpcException {
    JsonNode v = get(index, name);
    if (v == null) {
      throw RpcException.invalidParams("missing parameter '" + name + "'");
    }
    if (!v.isTextual()) {
      throw RpcException.invalidParams("parameter '" + name + "' must be a string");
    }
    return v.asText();
  }

  public long optionalLong(int index, String name, long def, long min, long max)
      throws RpcException {
    JsonNode v = get(index, name);
    if (v == null) {
      return def;
    }
    long x = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : toLong(v, name);
    if (x < min || x > max) {
      throw RpcException.invalidParams(
          "parameter '" + name + "' must be between " + min + " and " + max);
    }
    return x;
  }

  /**
   * A JSON integer that fits in 64 bits, as a long: never a value wrapped around or rounded.
   *
   * @throws RpcException naming {@code name} for anything else
   */
  public static long toLong(JsonNode v, String name) throws RpcException {
    if (!v.isIntegralNumber()) {
      throw RpcException.invalidParams("parameter '" + name + "' must be an integer");
    }
    if (!v.canConvertToLong()) {
      throw RpcException.invalidParams("parameter '" + name + "' is out of the 64-bit range");
    }
    return v.longValue();
  }

  /** The raw value, or null when absent or JSON null. */
  public JsonNode get(int index, String name) {
    JsonNode v = node.isArray() ? node.get(index) : node.get(name);
    return v == null || v.isNull() ? null : v;
  }
}
