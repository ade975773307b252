package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.str;

import java.util.Map;

/** {@code [logging]}: the log level and an optional log file (empty = standard error only). */
public record LoggingSection(String level, String file) {

  private static final Map<String, String> LEVELS =
      Map.of("trace", "trace", "debug", "debug", "info", "info", "warn", "warn", "error", "error");

  public static LoggingSection defaults() {
    return new LoggingSection("info", "");
  }

  static LoggingSection read(TomlTable t) {
    LoggingSection d = defaults();
    LoggingSection s =
        new LoggingSection(t.oneOf("level", d.level, LEVELS), t.string("file", d.file));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("logging", "Logging.")
        .key("level", str(level), "trace, debug, info, warn or error")
        .key("file", str(file), "Also log to this file (empty: standard error only)");
  }
}
