package org.timecoin.node.config;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Writes config.toml text: sections of keys, each preceded by a comment saying what it does. */
final class TomlTemplate {
  private final StringBuilder out = new StringBuilder();

  TomlTemplate comment(String text) {
    for (String line : text.split("\n")) {
      out.append("# ").append(line).append('\n');
    }
    return this;
  }

  TomlTemplate section(String name, String comment) {
    out.append('\n');
    comment(comment);
    out.append('[').append(name).append("]\n");
    return this;
  }

  TomlTemplate key(String key, String value, String comment) {
    comment(comment);
    out.append(key).append(" = ").append(value).append('\n');
    return this;
  }

  TomlTemplate key(String key, String value) {
    out.append(key).append(" = ").append(value).append('\n');
    return this;
  }

  static String str(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String num(long n) {
    return Long.toString(n);
  }

  static String ms(Duration d) {
    return Long.toString(d.toMillis());
  }

  static String bool(boolean b) {
    return Boolean.toString(b);
  }

  static String list(List<String> items) {
    return items.stream().map(TomlTemplate::str).collect(Collectors.joining(", ", "[", "]"));
  }

  String text() {
    return out.toString();
  }
}
