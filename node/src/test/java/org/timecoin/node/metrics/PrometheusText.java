package org.timecoin.node.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): it parses every sample
 * and refuses what a scraper or promtool would, plus the naming conventions (counters end in {@code
 * _total}; summaries and histograms have their {@code _sum} and {@code _count}).
 */
final class PrometheusText {
  static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "summary", "histogram", "untyped");

  record Sample(String name, Map<String, String> labels, double value) {}

  record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  private PrometheusText() {}

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} naming the line that breaks a
   * rule.
   */
  static PrometheusText parse(String text) {
    PrometheusText p = new PrometheusText();
    String[] lines = text.split("\n", -1);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    Set<String> closed = new HashSet<>();
    Set<String> series = new HashSet<>();
    String current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
          String[] parts = line.substring(7).split(" ", 2);
          String name = name(parts[0]);
          if (!name.equals(current)) {
            if (current != null) {
              closed.add(current);
            }
            if (closed.contains(name)) {
              throw new IllegalArgumentException("metric family " + name + " is not contiguous");
            }
            current = name;
          }
          p.describe(name, line.startsWith("# HELP "), parts.length > 1 ? parts[1] : "");
        } else if (line.startsWith("#")) {
          continue; // a comment
        } else {
          Sample s = sample(line);
          String family = p.familyOf(s.name());
          if (!family.equals(current)) {
            throw new IllegalArgumentException(
                "sample of " + family + " outside its family's block (or before its TYPE)");
          }
          if (!series.add(s.name() + new TreeMap<>(s.labels()))) {
            throw new IllegalArgumentException("duplicate series " + s.name() + s.labels());
          }
          p.families.get(family).samples().add(s);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
      }
    }
    p.families.values().forEach(PrometheusText::checkConventions);
    return p;
  }

  private void describe(String name, boolean help, String text) {
    Family f = families.get(name);
    if (help) {
      if (f != null && f.help() != null) {
        throw new IllegalArgumentException("second HELP for " + name);
      }
      checkEscapes(text, false);
      families.put(name, new Family(name, f == null ? null : f.type(), text, samplesOf(f)));
    } else {
      if (f != null && f.type() != null) {
        throw new IllegalArgumentException("second TYPE for " + name);
      }
      if (f != null && !f.samples().isEmpty()) {
        throw new IllegalArgumentException("TYPE after samples of " + name);
      }
      if (!TYPES.contains(text)) {
        throw new IllegalArgumentException("unknown type '" + text + "'");
      }
      families.put(name, new Family(name, text, f == null ? null : f.help(), samplesOf(f)));
    }
  }

  private static List<Sample> samplesOf(Family f) {
    return f == null ? new ArrayList<>() : f.samples();
  }

  /**
   * The family a sample belongs to: its own name, or the name without a summary/histogram suffix.
   */
  private String familyOf(String sample) {
    if (families.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_sum", "_count", "_bucket")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        Family f = families.get(base);
        if (f != null && ("summary".equals(f.type()) || "histogram".equals(f.type()))) {
          return base;
        }
      }
    }
    throw new IllegalArgumentException("sample " + sample + " has no TYPE line");
  }

  private static void checkConventions(Family f) {
    if (f.type() == null) {
      throw new IllegalArgumentException(f.name() + " has HELP but no TYPE");
    }
    switch (f.type()) {
      case "counter" -> {
        if (!f.name().endsWith("_total")) {
          throw new IllegalArgumentException("counter " + f.name() + " does not end in _total");
        }
      }
      case "summary", "histogram" -> {
        boolean sum = f.samples().stream().anyMatch(s -> s.name().equals(f.name() + "_sum"));
        boolean count = f.samples().stream().anyMatch(s -> s.name().equals(f.name() + "_count"));
        if (!f.samples().isEmpty() && !(sum && count)) {
          throw new IllegalArgumentException(f.type() + " " + f.name() + " lacks _sum or _count");
        }
      }
      default -> {
        if (f.name().endsWith("_total")) {
          throw new IllegalArgumentException(f.type() + " " + f.name() + " ends in _total");
        }
      }
    }
  }

  private static String name(String n) {
    if (!METRIC_NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + n + "'");
    }
    return n;
  }

  /** {@code name{label="value",...} value [timestamp]} */
  static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = name(line.substring(0, brace));
      int end = labels(line, brace + 1, labels);
      rest = line.substring(end + 1);
    } else {
      if (space < 0) {
        throw new IllegalArgumentException("no value");
      }
      name = name(line.substring(0, space));
      rest = line.substring(space);
    }
    if (!rest.startsWith(" ")) {
      throw new IllegalArgumentException("no space before the value");
    }
    String[] parts = rest.trim().split(" ");
    if (parts.length > 2) {
      throw new IllegalArgumentException("more than a value and a timestamp");
    }
    double value = value(parts[0]);
    if (parts.length == 2) {
      Long.parseLong(parts[1]);
    }
    return new Sample(name, labels, value);
  }

  /** Reads labels from {@code pos} up to the closing brace; returns the brace's index. */
  private static int labels(String line, int pos, Map<String, String> out) {
    int i = pos;
    while (true) {
      if (i < line.length() && line.charAt(i) == '}') {
        return i;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("label without '='");
      }
      String label = line.substring(i, eq);
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException("invalid label name '" + label + "'");
      }
      if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label value of " + label + " not quoted");
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; ; j++) {
        if (j >= line.length()) {
          throw new IllegalArgumentException("unterminated label value of " + label);
        }
        char c = line.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException("bad escape in label " + label);
          }
          j++;
        } else {
          value.append(c);
        }
      }
      if (out.put(label, value.toString()) != null) {
        throw new IllegalArgumentException("label " + label + " twice");
      }
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      } else if (i >= line.length() || line.charAt(i) != '}') {
        throw new IllegalArgumentException("expected ',' or '}' after label " + label);
      }
    }
  }

  private static void checkEscapes(String text, boolean quotes) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (next != '\\' && next != 'n' && !(quotes && next == '"')) {
          throw new IllegalArgumentException("bad escape in HELP");
        }
        i++;
      }
    }
  }

  private static double value(String v) {
    return switch (v) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        if (!v.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
          throw new IllegalArgumentException("invalid value '" + v + "'");
        }
        yield Double.parseDouble(v);
      }
    };
  }

  Map<String, Family> families() {
    return families;
  }

  /** Every sample name present (a summary's {@code _sum}, {@code _count}, {@code _max}...). */
  Set<String> sampleNames() {
    Set<String> names = new HashSet<>();
    families.values().forEach(f -> f.samples().forEach(s -> names.add(s.name())));
    return names;
  }

  /** Sum of the samples named {@code sample} whose labels include {@code labels} (k, v, ...). */
  double sum(String sample, String... labels) {
    double total = 0;
    boolean found = false;
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sample) && matches(s.labels(), labels)) {
          total += s.value();
          found = true;
        }
      }
    }
    if (!found) {
      throw new AssertionError("no sample " + sample + " with labels " + List.of(labels));
    }
    return total;
  }

  private static boolean matches(Map<String, String> have, String... want) {
    for (int i = 0; i + 1 < want.length; i += 2) {
      if (!want[i + 1].equals(have.get(want[i]))) {
        return false;
      }
    }
    return true;
  }
}
