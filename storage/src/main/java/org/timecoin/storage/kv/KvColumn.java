package org.timecoin.storage.kv;

import java.util.Objects;

/**
 * One column family of a {@link KvStore}: a separate ordered key space with its own tuning.
 *
 * @param name the column family name, stable across releases (it is on disk)
 * @param pointLookups true when the column is mostly read by exact key, so a bloom filter pays off
 *     (absent keys are answered without touching disk)
 */
public record KvColumn(String name, boolean pointLookups) {
  public KvColumn {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.equals("default")) {
      throw new IllegalArgumentException("column name must be non-empty and not 'default'");
    }
  }
}
