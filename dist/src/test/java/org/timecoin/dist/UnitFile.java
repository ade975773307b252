package org.timecoin.dist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads it: {@code [Section]} headers, {@code Key=Value} lines
 * (a key may repeat), {@code #} and {@code ;} comments, a trailing backslash continuing a line.
 */
record UnitFile(Map<String, Map<String, List<String>>> sections) {

  static UnitFile parse(String text) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    StringBuilder pending = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line.substring(0, line.length() - 1).strip()).append(' ');
        continue;
      }
      line = pending.append(line).toString();
      pending.setLength(0);
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            sections.computeIfAbsent(
                line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq <= 0) {
        throw new IllegalArgumentException("not a unit file line: " + raw);
      }
      current
          .computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(line.substring(eq + 1).strip());
    }
    return new UnitFile(sections);
  }

  /** Every value of {@code key} in {@code section}; empty when absent. */
  List<String> all(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The value that counts (the last one), or null. */
  String value(String section, String key) {
    List<String> v = all(section, key);
    return v.isEmpty() ? null : v.get(v.size() - 1);
  }

  boolean isTrue(String section, String key) {
    String v = value(section, key);
    return v != null && List.of("yes", "true", "on", "1").contains(v.toLowerCase(Locale.ROOT));
  }
}
