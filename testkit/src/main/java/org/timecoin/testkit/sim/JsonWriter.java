package org.timecoin.testkit.sim;

/** A minimal writer of one-line JSON objects: enough for flat reports, nothing more. */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder("{");
  private boolean first = true;

  JsonWriter field(String name, long value) {
    return raw(name, Long.toString(value));
  }

  JsonWriter field(String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return raw(name, "null");
    }
    return raw(name, Double.toString(Math.round(value * 100.0) / 100.0));
  }

  JsonWriter field(String name, String value) {
    return raw(name, value == null ? "null" : quote(value));
  }

  /** Adds a field whose value is already JSON text (a nested object or array). */
  JsonWriter raw(String name, String json) {
    if (!first) {
      out.append(',');
    }
    first = false;
    out.append(quote(name)).append(':').append(json);
    return this;
  }

  String finish() {
    return out.append('}').toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
