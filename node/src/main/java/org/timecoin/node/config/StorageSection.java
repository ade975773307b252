package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.num;

import java.nio.file.Path;
import org.timecoin.storage.StorageConfig;

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

  /** The chain store in {@code path} with these settings over the store's defaults. */
  public StorageConfig storeConfig(Path path) {
    StorageConfig d = StorageConfig.defaults(path);
    return d.withUtxoCacheBytes(cacheBytes).withRocks(d.rocks().withSyncWrites(syncWrites));
  }

  void writeTo(TomlTemplate w) {
    w.section("storage", "Embedded RocksDB store.")
        .key("cache_bytes", num(cacheBytes), "Memory budget of the UTXO cache, in bytes")
        .key(
            "sync_writes",
            bool(syncWrites),
            "fsync the write-ahead log with every finalized block (keep true: off, a power loss\n"
                + "may lose the last blocks, which then come back from peers)");
  }
}
