package org.timecoin.storage.kv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An ordered key-value store with column families, atomic batches and snapshots: the port behind
 * which RocksDB (and an in-memory store for tests) lives.
 *
 * <p>Threading: reads, scans and snapshots may run on any thread except a network event loop (every
 * call may block on disk). Writes are thread-safe but the chain's stores keep a single writer so
 * that batches are applied in block order. After {@link #close()} every call throws {@link
 * org.timecoin.storage.StorageException} of kind CLOSED.
 */
public interface KvStore extends KvReader, AutoCloseable {
  KvBatch newBatch();

  /** Applies all writes of the batch atomically. The caller still closes the batch. */
  void write(KvBatch batch);

  /**
   * Applies the batch atomically without logging it: after a crash it may be lost until {@link
   * #flush()} has returned. For bulk loads that record their progress only after a flush.
   */
  default void writeUnlogged(KvBatch batch) {
    write(batch);
  }

  /** Makes every write so far durable, logged or not. */
  default void flush() {}

  /**
   * Adds a sorted run to {@code column}, durably once this returns (no {@link #flush()} needed):
   * for bulk loads of key-ordered data, which an engine may store without rewriting it. Keys
   * already present take the run's values.
   *
   * @param entries keys strictly ascending as unsigned bytes
   * @throws IllegalArgumentException when they are not (nothing is written)
   */
  default void ingestSorted(KvColumn column, List<KvEntry> entries) {
    SortedRun.checkAscending(entries);
    try (KvBatch batch = newBatch()) {
      for (KvEntry e : entries) {
        batch.put(column, e.key(), e.value());
      }
      write(batch);
    }
  }

  /**
   * While {@code deferred}, {@code column}'s flushed data is merged in larger, rarer passes: for a
   * bulk load of keys in random order, which otherwise rewrites what it loaded many times over.
   * Once no longer deferred, what gathered is merged in the background, and writes are not slowed
   * or stopped for it meanwhile. Reads stay correct throughout. Not persisted: a reopened store
   * merges as usual.
   */
  default void deferCompactions(KvColumn column, boolean deferred) {}

  KvSnapshot snapshot();

  /** The directory of the database, or empty for an in-memory store. */
  Optional<Path> location();

  /** The engine's health figures, or empty for a store without an engine (in memory). */
  default Optional<EngineStats> engineStats() {
    return Optional.empty();
  }

  /** True when this open created the database (it did not exist before). */
  boolean createdNew();

  @Override
  void close();
}
