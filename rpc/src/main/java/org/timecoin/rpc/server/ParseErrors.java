package org.timecoin.rpc.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Says what is wrong with a request body in our own words: the parser's messages quote the input
 * and name its own types, neither of which may reach a client.
 */
final class ParseErrors {
  private ParseErrors() {}

  static String describe(JacksonException e, DispatchLimits limits) {
    String raw = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      if (raw.contains("nesting depth")) {
        return "Parse error: nested deeper than " + limits.maxDepth() + " levels";
      }
      if (raw.contains("String value length")) {
        return "Parse error: a string is longer than " + limits.maxStringLength() + " characters";
      }
      if (raw.contains("Number value length")) {
        return "Parse error: a number has too many digits";
      }
      return "Parse error: the request exceeds a parsing limit";
    }
    if (raw.startsWith("Duplicate field") || raw.startsWith("Duplicate Object property")) {
      return "Parse error: an object has a duplicate key" + at(e.getLocation());
    }
    if (raw.startsWith("Trailing token")) {
      return "Parse error: text after the JSON value";
    }
    return "Parse error: invalid JSON" + at(e.getLocation());
  }

  private static String at(JsonLocation where) {
    if (where == null || where.getLineNr() < 1) {
      return "";
    }
    return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }
}
