package org.timecoin.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked reads of one {@code [section]} of config.toml. Every read that fails names the
 * file, the section, the key and what is allowed; keys never read are reported by {@link
 * #rejectUnknownKeys}.
 */
final class TomlTable {
  private final Path file;
  private final String section;
  private final JsonNode node;
  private final Set<String> known = new LinkedHashSet<>();

  private TomlTable(Path file, String section, JsonNode node) {
    this.file = file;
    this.section = section;
    this.node = node;
  }

  static TomlTable of(Path file, String section, JsonNode node) {
    if (node != null && !node.isObject()) {
      throw new ConfigException(
          file + ": [" + section + "] must be a table (a [" + section + "] header)");
    }
    return new TomlTable(file, section, node);
  }

  String string(String key, String def) {
    JsonNode v = value(key);
    if (v == null) {
      return def;
    }
    if (!v.isTextual()) {
      throw error(key, v, "must be a string in double quotes");
    }
    return v.asText();
  }

  /** A string, or a bare true/false read as "true"/"false" (for keys that take either). */
  String stringOrBool(String key, String def) {
    JsonNode v = value(key);
    if (v != null && v.isBoolean()) {
      return Boolean.toString(v.asBoolean());
    }
    return string(key, def);
  }

  boolean bool(String key, boolean def) {
    JsonNode v = value(key);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      throw error(key, v, "must be true or false");
    }
    return v.asBoolean();
  }

  long longIn(String key, long def, long min, long max) {
    JsonNode v = value(key);
    if (v == null) {
      return def;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(key, v, "must be an integer between " + min + " and " + max);
    }
    long x = v.asLong();
    if (x < min || x > max) {
      throw error(key, v, "is out of range: allowed " + min + " to " + max);
    }
    return x;
  }

  int intIn(String key, int def, int min, int max) {
    return (int) longIn(key, def, min, max);
  }

  int port(String key, int def) {
    return intIn(key, def, 1, 65535);
  }

  Duration millis(String key, Duration def, long minMs, long maxMs) {
    return Duration.ofMillis(longIn(key, def.toMillis(), minMs, maxMs));
  }

  <E> E oneOf(String key, E def, Map<String, E> choices) {
    JsonNode v = value(key);
    if (v == null) {
      return def;
    }
    E e = v.isTextual() ? choices.get(v.asText().toLowerCase(Locale.ROOT)) : null;
    if (e == null) {
      throw error(key, v, "must be one of " + new TreeSet<>(choices.keySet()));
    }
    return e;
  }

  List<String> strings(String key, List<String> def) {
    JsonNode v = value(key);
    if (v == null) {
      return def;
    }
    if (!v.isArray()) {
      throw error(key, v, "must be an array of strings, e.g. [\"a\", \"b\"]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw error(key, v, "must be an array of strings, e.g. [\"a\", \"b\"]");
      }
      out.add(e.asText());
    }
    return List.copyOf(out);
  }

  /** An error about a key whose value was read and checked by the caller. */
  ConfigException invalid(String key, String problem) {
    return new ConfigException(file + ": [" + section + "] " + key + " " + problem);
  }

  void rejectUnknownKeys() {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigException(
            file + ": [" + section + "] unknown key '" + key + "'; allowed keys: " + known);
      }
    }
  }

  private JsonNode value(String key) {
    known.add(key);
    return node == null ? null : node.get(key);
  }

  private ConfigException error(String key, JsonNode v, String problem) {
    return new ConfigException(file + ": [" + section + "] " + key + " = " + v + " " + problem);
  }
}
