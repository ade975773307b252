package org.timecoin.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageException;
import org.timecoin.storage.kv.EngineStats;

/**
 * The storage engine's health (write stalls, compaction backlog, block cache) and the UTXO cache's
 * hit ratio. The engine's figures are native property reads: taken once per scrape and shared by
 * the meters.
 */
final class StorageMeters {
  private static final EngineStats NONE = new EngineStats(0, 0, 0, false, 0, false, 0, 0, 0);

  private final ChainStore store;
  private volatile EngineStats latest = NONE;

  private StorageMeters(ChainStore store) {
    this.store = store;
  }

  static void bind(NodeMetrics metrics, ChainStore store) {
    StorageMeters s = new StorageMeters(store);
    s.refresh();
    metrics.beforeScrape(s::refresh);
    MeterRegistry r = metrics.registry();
    s.gauge(
        r,
        "storage.rocksdb.write.stopped",
        "1 while the engine stops writes",
        e -> bit(e.writeStopped()));
    s.gauge(
        r,
        "storage.rocksdb.delayed.write.rate.bytes.per.second",
        "rate writes are slowed to; 0 when they are not",
        EngineStats::delayedWriteRate);
    s.gauge(
        r,
        "storage.rocksdb.compaction.pending",
        "1 while a column family waits for compaction",
        e -> bit(e.compactionPending()));
    s.gauge(
        r,
        "storage.rocksdb.pending.compaction.bytes",
        "estimated bytes compaction must rewrite",
        EngineStats::pendingCompactionBytes);
    s.gauge(
        r,
        "storage.rocksdb.running.compactions",
        "compactions running",
        EngineStats::runningCompactions);
    s.gauge(
        r,
        "storage.rocksdb.block.cache.usage.bytes",
        "bytes held by the block cache",
        EngineStats::blockCacheUsageBytes);
    s.gauge(
        r,
        "storage.rocksdb.block.cache.hit.ratio",
        "block cache hits over lookups since start",
        EngineStats::blockCacheHitRatio);
    s.counter(r, "storage.rocksdb.block.cache.hits", EngineStats::blockCacheHits);
    s.counter(r, "storage.rocksdb.block.cache.misses", EngineStats::blockCacheMisses);
    FunctionCounter.builder("storage.rocksdb.stall", s, x -> x.latest.stallMicros() / 1e6)
        .description("time writes were stalled or slowed by the engine")
        .baseUnit("seconds")
        .register(r);
    Gauge.builder("storage.utxo.cache.hit.ratio", store, st -> st.utxos().cacheStats().hitRate())
        .description("UTXO cache hits over lookups since start")
        .register(r);
    Gauge.builder("storage.utxo.cache.size", store, st -> st.utxos().cacheStats().estimatedBytes())
        .description("estimated bytes held by the UTXO cache")
        .baseUnit("bytes")
        .register(r);
  }

  private void refresh() {
    try {
      latest = store.engineStats().orElse(NONE);
    } catch (StorageException e) {
      latest = NONE; // closing: the figures are gone with the store
    }
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }

  private void gauge(MeterRegistry r, String name, String help, ToDoubleFunction<EngineStats> f) {
    Gauge.builder(name, this, x -> f.applyAsDouble(x.latest)).description(help).register(r);
  }

  private void counter(MeterRegistry r, String name, ToDoubleFunction<EngineStats> f) {
    FunctionCounter.builder(name, this, x -> f.applyAsDouble(x.latest))
        .description("block cache lookups since start")
        .register(r);
  }
}
