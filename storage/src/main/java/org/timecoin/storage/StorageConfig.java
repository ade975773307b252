package org.timecoin.storage;

import java.nio.file.Path;
import java.util.Objects;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.kv.RocksConfig;

/**
 * Settings of the chain store, from the {@code [storage]} section of config.toml.
 *
 * @param path the database directory
 * @param rocks RocksDB tuning
 * @param utxoCacheBytes budget of the UTXO cache in (estimated) heap bytes
 * @param readThreads threads of the storage executor that serves reads missing the cache
 * @param hashThreads threads that compute the state commitment of a block in parallel
 * @param mode whether a missing database may be created
 */
public record StorageConfig(
    Path path,
    RocksConfig rocks,
    long utxoCacheBytes,
    int readThreads,
    int hashThreads,
    OpenMode mode) {
  public StorageConfig {
    Objects.requireNonNull(rocks, "rocks");
    Objects.requireNonNull(mode, "mode");
    if (utxoCacheBytes < 0 || readThreads < 1 || hashThreads < 1) {
      throw new IllegalArgumentException("invalid storage config");
    }
  }

  /** 64 MiB of UTXO cache, two read threads, one hash thread per core; creates when missing. */
  public static StorageConfig defaults(Path path) {
    return new StorageConfig(
        path,
        RocksConfig.defaults(),
        64L << 20,
        2,
        Runtime.getRuntime().availableProcessors(),
        OpenMode.CREATE_IF_MISSING);
  }

  public StorageConfig withMode(OpenMode newMode) {
    return new StorageConfig(path, rocks, utxoCacheBytes, readThreads, hashThreads, newMode);
  }

  public StorageConfig withUtxoCacheBytes(long bytes) {
    return new StorageConfig(path, rocks, bytes, readThreads, hashThreads, mode);
  }

  public StorageConfig withRocks(RocksConfig newRocks) {
    return new StorageConfig(path, newRocks, utxoCacheBytes, readThreads, hashThreads, mode);
  }
}
