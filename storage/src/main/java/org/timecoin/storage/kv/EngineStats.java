package org.timecoin.storage.kv;

/**
 * The storage engine's health figures that matter to an operator, read on demand (a few native
 * property reads; never on a hot path).
 *
 * @param blockCacheHits block cache lookups that hit, since open
 * @param blockCacheMisses block cache lookups that missed, since open
 * @param stallMicros time writes spent stalled or slowed down by the engine, since open
 * @param writeStopped writes are stopped right now (too many memtables or level-0 files)
 * @param delayedWriteRate bytes per second writes are slowed to, 0 when they are not
 * @param compactionPending at least one column family waits for a compaction
 * @param pendingCompactionBytes estimated bytes compaction must rewrite to settle the levels
 * @param runningCompactions compactions running now
 * @param blockCacheUsageBytes bytes held by the block cache
 */
public record EngineStats(
    long blockCacheHits,
    long blockCacheMisses,
    long stallMicros,
    boolean writeStopped,
    long delayedWriteRate,
    boolean compactionPending,
    long pendingCompactionBytes,
    long runningCompactions,
    long blockCacheUsageBytes) {

  /** Hits over lookups since open; 0 before the first lookup. */
  public double blockCacheHitRatio() {
    long total = blockCacheHits + blockCacheMisses;
    return total == 0 ? 0 : (double) blockCacheHits / total;
  }
}
