package org.timecoin.storage;

import java.nio.file.Path;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.timecoin.storage.kv.ForwardingKvStore;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.RocksErrors;

/**
 * Passes everything to a real store, except that while {@link #full} is set every write (batches
 * and sorted runs) fails the way RocksDB reports ENOSPC (IOError / NoSpace), translated by the
 * production error mapping.
 */
final class DiskFullKvStore extends ForwardingKvStore {
  volatile boolean full;

  DiskFullKvStore(KvStore inner) {
    super(inner);
  }

  @Override
  public void write(KvBatch batch) {
    failIfFull("writing");
    inner.write(batch);
  }

  @Override
  public void ingestSorted(KvColumn column, List<KvEntry> entries) {
    failIfFull("bulk-loading");
    inner.ingestSorted(column, entries);
  }

  private void failIfFull(String action) {
    if (full) {
      Path path = inner.location().orElse(null);
      throw RocksErrors.translate(
          path,
          action,
          new RocksDBException(
              "IO error: No space left on device: While appending to file: " + path + "/000009.log",
              new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device")));
    }
  }
}
