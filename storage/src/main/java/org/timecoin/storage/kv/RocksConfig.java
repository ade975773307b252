package org.timecoin.storage.kv;

/**
 * RocksDB tuning, from the {@code [storage]} section of config.toml.
 *
 * @param blockCacheBytes shared LRU cache of uncompressed blocks, index and filter blocks
 * @param writeBufferBytes memtable size per column family before it is flushed
 * @param syncWrites fsync the WAL on every batch; off means a power loss (not a process crash) may
 *     lose the last batches, which then come back from peers
 * @param backgroundJobs threads for flushes and compactions
 */
public record RocksConfig(
    long blockCacheBytes, long writeBufferBytes, boolean syncWrites, int backgroundJobs) {
  public RocksConfig {
    if (blockCacheBytes < 0 || writeBufferBytes <= 0 || backgroundJobs <= 0) {
      throw new IllegalArgumentException("invalid RocksDB config: " + blockCacheBytes);
    }
  }

  /**
   * An 8 MB memtable: UTXO and txid keys arrive in random order, and each insert walks the
   * memtable's skip list; a small one stays in the CPU cache, so inserts cost several times less
   * than in the RocksDB default of 64 MB, at the price of more (small, background) flushes.
   */
  public static RocksConfig defaults() {
    return new RocksConfig(256L << 20, 8L << 20, false, 2);
  }

  public RocksConfig withSyncWrites(boolean sync) {
    return new RocksConfig(blockCacheBytes, writeBufferBytes, sync, backgroundJobs);
  }
}
