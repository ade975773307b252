package org.timecoin.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code params} of a request, by position ({@code [a, b]}) or by name ({@code {"x": a}}).
 * Every accessor that fails throws an invalid-params error naming the parameter.
 */
public final class Params {
  private final JsonNode node;

  private Params(JsonNode node) {
    this.node = node;
  }

  /** {@code node} is an array, an object, or null for "no params". */
  public static Params of(JsonNode node) {
    return new Params(node == null ? JsonNodeFactory.instance.arrayNode() : node);
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
    long x;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      x = v.asLong();
    } else if (v.isBoolean()) {
      x = v.asBoolean() ? 1 : 0; // Bitcoin clients pass verbosity as a boolean too
    } else {
      throw RpcException.invalidParams("parameter '" + name + "' must be an integer");
    }
    if (x < min || x > max) {
      throw RpcException.invalidParams(
          "parameter '" + name + "' must be between " + min + " and " + max);
    }
    return x;
  }

  /** The raw value, or null when absent or JSON null. */
  public JsonNode get(int index, String name) {
    JsonNode v = node.isArray() ? node.get(index) : node.get(name);
    return v == null || v.isNull() ? null : v;
  }
}
