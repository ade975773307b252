package org.timecoin.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run: printed as a human table and as one JSON object whose keys are
 * the contract of {@code bin/bench --json} (other tools parse them, so keys never change meaning).
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String benchmark;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<String[]> rows = new ArrayList<>();
  private final Map<String, Object> goals = new LinkedHashMap<>();
  private final List<String[]> goalRows = new ArrayList<>();

  public Report(String benchmark) {
    this.benchmark = benchmark;
    fields.put("benchmark", benchmark);
  }

  public String benchmark() {
    return benchmark;
  }

  /** A figure shown in the table and in the JSON; doubles are rounded to 3 decimals. */
  public Report figure(String key, Object value, String unit, String label) {
    Object rounded = round(value);
    fields.put(key, rounded);
    rows.add(new String[] {label, format(rounded), unit, key});
    return this;
  }

  /** A value only in the JSON (parameters, series). */
  public Report field(String key, Object value) {
    fields.put(key, round(value));
    return this;
  }

  public Object get(String key) {
    return fields.get(key);
  }

  /**
   * Checks {@code actual <= bound} and records the outcome; a missed goal is reported, not fatal.
   */
  public boolean goalAtMost(String key, String description, double actual, double bound) {
    boolean met = actual <= bound;
    Map<String, Object> goal = new LinkedHashMap<>();
    goal.put("met", met);
    goal.put("actual", round(actual));
    goal.put("bound", round(bound));
    goals.put(key, goal);
    goalRows.add(
        new String[] {
          description,
          String.format(Locale.ROOT, "%s <= %s", format(round(actual)), format(round(bound))),
          met ? "MET" : "MISSED"
        });
    return met;
  }

  /** Checks {@code actual >= bound}, recorded like {@link #goalAtMost}. */
  public boolean goalAtLeast(String key, String description, double actual, double bound) {
    boolean met = actual >= bound;
    goal(
        key,
        description,
        met,
        String.format(Locale.ROOT, "%s >= %s", format(round(actual)), format(round(bound))));
    Map<String, Object> goal = new LinkedHashMap<>();
    goal.put("met", met);
    goal.put("actual", round(actual));
    goal.put("bound", round(bound));
    goals.put(key, goal);
    return met;
  }

  /** Records a goal judged elsewhere (e.g. "completes"). */
  public void goal(String key, String description, boolean met, String detail) {
    Map<String, Object> goal = new LinkedHashMap<>();
    goal.put("met", met);
    goal.put("detail", detail);
    goals.put(key, goal);
    goalRows.add(new String[] {description, detail, met ? "MET" : "MISSED"});
  }

  public void printTable(PrintWriter out) {
    out.println("== " + benchmark + " ==");
    int labelWidth = 8;
    int valueWidth = 5;
    for (String[] r : rows) {
      labelWidth = Math.max(labelWidth, r[0].length());
      valueWidth = Math.max(valueWidth, r[1].length());
    }
    String rowFormat = "  %-" + labelWidth + "s  %" + valueWidth + "s %-6s (%s)%n";
    for (String[] r : rows) {
      out.printf(Locale.ROOT, rowFormat, r[0], r[1], r[2], r[3]);
    }
    if (!goalRows.isEmpty()) {
      out.println("goals:");
      int goalWidth = 8;
      for (String[] g : goalRows) {
        goalWidth = Math.max(goalWidth, g[0].length());
      }
      for (String[] g : goalRows) {
        out.printf(Locale.ROOT, "  %-6s  %-" + goalWidth + "s  %s%n", g[2], g[0], g[1]);
      }
    }
    out.flush();
  }

  public String toJson() {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    if (!goals.isEmpty()) {
      all.put("goals", goals);
    }
    try {
      return JSON.writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report of " + benchmark + " is not serialisable", e);
    }
  }

  private static Object round(Object value) {
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return null;
      }
      return Math.round(d * 1000.0) / 1000.0;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Report::round).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, round(v)));
      return out;
    }
    return value;
  }

  private static String format(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, Math.abs(d) >= 1000 ? "%,.0f" : "%.3f", d);
    }
    if (value instanceof Long || value instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", value);
    }
    return String.valueOf(value);
  }
}
