package org.timecoin.node.chain;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.timecoin.storage.kv.ForwardingKvStore;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.RocksErrors;

/**
 * Passes everything to a real store until armed; then, after a given number of further writes,
 * every write fails the way RocksDB reports a full disk or an I/O error, translated by the
 * production error mapping.
 */
public final class FaultyKvStore extends ForwardingKvStore {
  public enum Fault {
    DISK_FULL,
    IO_ERROR
  }

  private final AtomicLong writesLeft = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong unloggedLeft = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong sortedRunsLeft = new AtomicLong(Long.MAX_VALUE);
  private volatile Fault fault = Fault.DISK_FULL;
  private volatile boolean failReads;

  public FaultyKvStore(KvStore inner) {
    super(inner);
  }

  /** Lets {@code writes} more writes through, then fails every one with {@code f}. */
  public void failAfter(long writes, Fault f) {
    fault = f;
    writesLeft.set(writes);
  }

  /**
   * Lets {@code writes} more WAL-less (bulk) writes through, then fails every one with {@code f}.
   */
  public void failUnloggedAfter(long writes, Fault f) {
    fault = f;
    unloggedLeft.set(writes);
  }

  /** Lets {@code runs} more sorted runs (bulk-loaded table files) through, then fails each one. */
  public void failSortedRunsAfter(long runs, Fault f) {
    fault = f;
    sortedRunsLeft.set(runs);
  }

  @Override
  public void ingestSorted(KvColumn column, List<KvEntry> entries) {
    spend(sortedRunsLeft);
    inner.ingestSorted(column, entries);
  }

  @Override
  public void writeUnlogged(KvBatch batch) {
    spend(unloggedLeft);
    inner.writeUnlogged(batch);
  }

  /** From now on every read fails with an I/O error. */
  public void failReads() {
    failReads = true;
  }

  @Override
  public byte[] get(KvColumn column, byte[] key) {
    if (failReads) {
      Path path = inner.location().orElse(Path.of("memory"));
      throw RocksErrors.translate(path, "reading", exception(path, Fault.IO_ERROR));
    }
    return inner.get(column, key);
  }

  @Override
  public void write(KvBatch batch) {
    spend(writesLeft);
    inner.write(batch);
  }

  /** Takes one write from {@code left}, or fails as the disk would when none is left. */
  private void spend(AtomicLong left) {
    if (left.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
      Path path = inner.location().orElse(Path.of("memory"));
      throw RocksErrors.translate(path, "writing", exception(path, fault));
    }
  }

  private static RocksDBException exception(Path path, Fault f) {
    return switch (f) {
      case DISK_FULL ->
          new RocksDBException(
              "IO error: No space left on device: While appending to file: " + path + "/000009.log",
              new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device"));
      case IO_ERROR ->
          new RocksDBException(
              "IO error: injected: While syncing " + path + "/000009.log",
              new Status(Status.Code.IOError, Status.SubCode.None, "injected"));
    };
  }
}
