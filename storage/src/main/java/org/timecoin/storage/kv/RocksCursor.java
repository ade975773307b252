package org.timecoin.storage.kv;

import java.util.NoSuchElementException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A RocksDB iterator over one key range. A RocksDB iterator reads an implicit snapshot taken when
 * it is created, so even a scan of the live store is consistent. Scans do not fill the block cache,
 * so streaming the whole UTXO set does not evict the hot blocks.
 */
final class RocksCursor implements KvCursor {
  private final RocksKvStore store;
  private final ReadOptions options;
  private final Slice upperBound;
  private final RocksIterator iterator;
  private boolean closed;

  RocksCursor(
      RocksKvStore store, RocksDB db, ColumnFamilyHandle cf, KeyRange range, Snapshot snapshot) {
    this.store = store;
    this.options = new ReadOptions().setFillCache(false);
    if (snapshot != null) {
      options.setSnapshot(snapshot);
    }
    this.upperBound = range.to() == null ? null : new Slice(range.to());
    if (upperBound != null) {
      options.setIterateUpperBound(upperBound);
    }
    this.iterator = db.newIterator(cf, options);
    if (range.from() == null) {
      iterator.seekToFirst();
    } else {
      iterator.seek(range.from());
    }
  }

  @Override
  public synchronized boolean hasNext() {
    if (closed) {
      return false;
    }
    return store.step(
        () -> {
          if (iterator.isValid()) {
            return true;
          }
          try {
            iterator.status();
          } catch (RocksDBException e) {
            throw RocksErrors.translate(store.path(), "scanning", e);
          }
          return false;
        });
  }

  @Override
  public synchronized KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return store.step(
        () -> {
          KvEntry e = new KvEntry(iterator.key(), iterator.value());
          iterator.next();
          return e;
        });
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    store.forget(this);
    iterator.close();
    options.close();
    if (upperBound != null) {
      upperBound.close();
    }
  }
}
