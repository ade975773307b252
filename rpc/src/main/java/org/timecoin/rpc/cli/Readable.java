package org.timecoin.rpc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result as people read it: text as it is, an object as aligned "key value" lines, a list of
 * objects as a table, a list of values one per line. Nested objects are indented.
 */
final class Readable {
  private static final String INDENT = "  ";

  private Readable() {}

  static String render(JsonNode result) {
    StringBuilder out = new StringBuilder();
    render(result, "", out);
    return out.toString().stripTrailing();
  }

  private static void render(JsonNode n, String indent, StringBuilder out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return;
    }
    if (n.isObject()) {
      keyValues(n, indent, out);
    } else if (n.isArray()) {
      list(n, indent, out);
    } else {
      out.append(indent).append(scalar(n)).append('\n');
    }
  }

  private static void keyValues(JsonNode o, String indent, StringBuilder out) {
    int width = 0;
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      width = Math.max(width, e.getKey().length());
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      JsonNode v = e.getValue();
      out.append(indent).append(e.getKey());
      if (v.isContainerNode() && !v.isEmpty() && !isShortList(v)) {
        out.append('\n');
        render(v, indent + INDENT, out);
      } else {
        String c = cell(v);
        if (!c.isEmpty()) {
          out.append(" ".repeat(width - e.getKey().length() + 2)).append(c);
        }
        out.append('\n');
      }
    }
  }

  private static void list(JsonNode a, String indent, StringBuilder out) {
    if (a.isEmpty()) {
      out.append(indent).append("(none)\n");
      return;
    }
    boolean objects = true;
    for (JsonNode e : a) {
      objects &= e.isObject();
    }
    if (objects) {
      table(a, indent, out);
      return;
    }
    for (JsonNode e : a) {
      out.append(indent).append(cell(e)).append('\n');
    }
  }

  /** Columns are the keys in order of first appearance; nested values are compact JSON. */
  private static void table(JsonNode rows, String indent, StringBuilder out) {
    Set<String> keys = new LinkedHashSet<>();
    for (JsonNode r : rows) {
      r.fieldNames().forEachRemaining(keys::add);
    }
    List<String> columns = new ArrayList<>(keys);
    int[] width = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      width[c] = columns.get(c).length();
      for (JsonNode r : rows) {
        width[c] = Math.max(width[c], cell(r.get(columns.get(c))).length());
      }
    }
    line(columns, width, indent, out);
    for (JsonNode r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        cells.add(cell(r.get(c)));
      }
      line(cells, width, indent, out);
    }
  }

  private static void line(List<String> cells, int[] width, String indent, StringBuilder out) {
    StringBuilder l = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      l.append(cells.get(c));
      if (c < cells.size() - 1) {
        l.append(" ".repeat(width[c] - cells.get(c).length() + 2));
      }
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  private static boolean isShortList(JsonNode v) {
    if (!v.isArray() || v.size() > 8) {
      return false;
    }
    for (JsonNode e : v) {
      if (e.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  /** One value on one line: a scalar as text, a short list comma-separated, else compact JSON. */
  private static String cell(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "-";
    }
    if (v.isArray() && v.isEmpty()) {
      return "(none)";
    }
    if (isShortList(v)) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> parts.add(scalar(e)));
      return String.join(", ", parts);
    }
    return v.isContainerNode() ? v.toString() : scalar(v);
  }

  private static String scalar(JsonNode v) {
    return v.isTextual() ? v.asText() : v.toString();
  }
}
