package org.timecoin.storage.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A RocksDB write batch. Writes are collected in Java and handed to RocksDB in key order per
 * column: the memtable is a skip list that remembers where its last insert went, so keys in order
 * cost a short step each, while the random order of hashed keys (txids, outpoints) costs a search
 * from the top for every one. Writes to one key keep the order they were added in.
 */
final class RocksBatch implements KvBatch {
  private static final Comparator<Write> KEY_ORDER =
      Comparator.comparing((Write w) -> w.column().name())
          .thenComparing(Write::key, Arrays::compareUnsigned)
          .thenComparingInt(Write::seq);

  /** One put, or a delete when {@code value} is null. */
  private record Write(int seq, KvColumn column, byte[] key, byte[] value) {}

  private final Function<KvColumn, ColumnFamilyHandle> handles;
  private final List<Write> writes = new ArrayList<>();
  private WriteBatch batch;

  RocksBatch(Function<KvColumn, ColumnFamilyHandle> handles) {
    this.handles = handles;
  }

  @Override
  public KvBatch put(KvColumn column, byte[] key, byte[] value) {
    return add(column, key, value.clone());
  }

  @Override
  public KvBatch delete(KvColumn column, byte[] key) {
    return add(column, key, null);
  }

  private KvBatch add(KvColumn column, byte[] key, byte[] value) {
    if (batch != null) {
      throw new IllegalStateException("batch was already handed to the store");
    }
    handles.apply(column); // an unknown column fails here, where it was named
    writes.add(new Write(writes.size(), column, key.clone(), value));
    return this;
  }

  @Override
  public int size() {
    return writes.size();
  }

  /** The native batch, built once, in key order. */
  WriteBatch writeBatch() throws RocksDBException {
    if (batch == null) {
      WriteBatch wb = new WriteBatch();
      try {
        List<Write> ordered = new ArrayList<>(writes);
        ordered.sort(KEY_ORDER);
        for (Write w : ordered) {
          ColumnFamilyHandle cf = handles.apply(w.column());
          if (w.value() == null) {
            wb.delete(cf, w.key());
          } else {
            wb.put(cf, w.key(), w.value());
          }
        }
      } catch (RocksDBException | RuntimeException e) {
        wb.close();
        throw e;
      }
      batch = wb;
    }
    return batch;
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.close();
    }
  }
}
