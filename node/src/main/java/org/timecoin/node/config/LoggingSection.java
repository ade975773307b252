package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

import java.util.Map;

/**
 * {@code [logging]}: the log level, the format (text, or one JSON object per line for log shippers)
 * and an optional log file (empty = standard error only) that rolls over daily and when it reaches
 * {@code maxFileBytes}, keeps {@code maxHistoryDays} days and at most {@code totalSizeCapBytes} of
 * old files.
 */
public record LoggingSection(
    String level,
    String file,
    String format,
    long maxFileBytes,
    int maxHistoryDays,
    long totalSizeCapBytes) {

  public static final String TEXT = "text";
  public static final String JSON = "json";

  private static final long MIB = 1024 * 1024;

  private static final Map<String, String> LEVELS =
      Map.of("trace", "trace", "debug", "debug", "info", "info", "warn", "warn", "error", "error");
  private static final Map<String, String> FORMATS = Map.of(TEXT, TEXT, JSON, JSON);

  public LoggingSection {
    if (totalSizeCapBytes < maxFileBytes) {
      throw new ConfigException(
          "[logging] total_size_cap_bytes ("
              + totalSizeCapBytes
              + ") must be at least max_file_bytes ("
              + maxFileBytes
              + ")");
    }
  }

  public static LoggingSection defaults() {
    return new LoggingSection("info", "", TEXT, 100 * MIB, 14, 2048 * MIB);
  }

  /** The defaults with another level and file. */
  public static LoggingSection of(String level, String file) {
    LoggingSection d = defaults();
    return new LoggingSection(
        level, file, d.format, d.maxFileBytes, d.maxHistoryDays, d.totalSizeCapBytes);
  }

  public boolean json() {
    return JSON.equals(format);
  }

  static LoggingSection read(TomlTable t) {
    LoggingSection d = defaults();
    LoggingSection s =
        new LoggingSection(
            t.oneOf("level", d.level, LEVELS),
            t.string("file", d.file),
            t.oneOf("format", d.format, FORMATS),
            t.longIn("max_file_bytes", d.maxFileBytes, MIB, 64 * 1024 * MIB),
            t.intIn("max_history_days", d.maxHistoryDays, 1, 3650),
            t.longIn("total_size_cap_bytes", d.totalSizeCapBytes, MIB, 1024 * 1024 * MIB));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("logging", "Logging.")
        .key("level", str(level), "trace, debug, info, warn or error")
        .key("format", str(format), "text, or json: one JSON object per line (for log shippers)")
        .key("file", str(file), "Also log to this file (empty: standard error only)")
        .key("max_file_bytes", num(maxFileBytes), "Roll the log file over at this size, and daily")
        .key("max_history_days", num(maxHistoryDays), "Delete rolled files older than this")
        .key(
            "total_size_cap_bytes",
            num(totalSizeCapBytes),
            "Delete the oldest rolled files beyond this total");
  }
}
