package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.num;

/** {@code [storage]}: the UTXO cache budget in bytes and whether block writes are fsynced. */
public record StorageSection(long cacheBytes, boolean syncWrites) {

  public static StorageSection defaults() {
    return new StorageSection(256 * NodeSection.MIB, true);
  }

  static StorageSection read(TomlTable t) {
    StorageSection d = defaults();
    StorageSection s =
        new StorageSection(
            t.longIn("cache_bytes", d.cacheBytes, NodeSection.MIB, 1024 * 1024 * NodeSection.MIB),
            t.bool("sync_writes", d.syncWrites));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("storage", "Embedded RocksDB store.")
        .key("cache_bytes", num(cacheBytes), "Memory budget of the UTXO cache, in bytes")
        .key("sync_writes", bool(syncWrites), "fsync every finalized block (keep true)");
  }
}
