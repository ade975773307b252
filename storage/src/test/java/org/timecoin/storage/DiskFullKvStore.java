package org.timecoin.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.RocksErrors;

/**
 * Passes everything to a real store, except that while {@link #full} is set every write fails the
 * way RocksDB reports ENOSPC (IOError / NoSpace), translated by the production error mapping.
 */
final class DiskFullKvStore implements KvStore {
  private final KvStore inner;
  volatile boolean full;

  DiskFullKvStore(KvStore inner) {
    this.inner = inner;
  }

  @Override
  public void write(KvBatch batch) {
    if (full) {
      Path path = inner.location().orElse(null);
      throw RocksErrors.translate(
          path,
          "writing",
          new RocksDBException(
              "IO error: No space left on device: While appending to file: " + path + "/000009.log",
              new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device")));
    }
    inner.write(batch);
  }

  @Override
  public KvBatch newBatch() {
    return inner.newBatch();
  }

  @Override
  public byte[] get(KvColumn column, byte[] key) {
    return inner.get(column, key);
  }

  @Override
  public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
    return inner.multiGet(column, keys);
  }

  @Override
  public KvCursor scan(KvColumn column, KeyRange range) {
    return inner.scan(column, range);
  }

  @Override
  public KvSnapshot snapshot() {
    return inner.snapshot();
  }

  @Override
  public Optional<Path> location() {
    return inner.location();
  }

  @Override
  public boolean createdNew() {
    return inner.createdNew();
  }

  @Override
  public void close() {
    inner.close();
  }
}
