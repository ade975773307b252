package org.timecoin.storage.kv;

import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A RocksDB WriteBatch: writes are copied into native memory as they are added. */
final class RocksBatch implements KvBatch {
  private final Function<KvColumn, ColumnFamilyHandle> handles;
  private final WriteBatch batch = new WriteBatch();
  private int size;

  RocksBatch(Function<KvColumn, ColumnFamilyHandle> handles) {
    this.handles = handles;
  }

  @Override
  public KvBatch put(KvColumn column, byte[] key, byte[] value) {
    try {
      batch.put(handles.apply(column), key, value);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot add to write batch: " + e.getMessage(), e);
    }
    size++;
    return this;
  }

  @Override
  public KvBatch delete(KvColumn column, byte[] key) {
    try {
      batch.delete(handles.apply(column), key);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot add to write batch: " + e.getMessage(), e);
    }
    size++;
    return this;
  }

  @Override
  public int size() {
    return size;
  }

  WriteBatch writeBatch() {
    return batch;
  }

  @Override
  public void close() {
    batch.close();
  }
}
