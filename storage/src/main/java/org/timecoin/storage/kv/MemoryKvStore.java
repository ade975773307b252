package org.timecoin.storage.kv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.timecoin.storage.StorageException;

/**
 * A {@link KvStore} held in memory, for tests and simulations. Snapshots and scans copy the column
 * they read, so they are O(n): fine for test-sized data, not for production.
 */
public final class MemoryKvStore implements KvStore {
  private static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

  private final Map<String, NavigableMap<byte[], byte[]>> columns = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  public MemoryKvStore(Collection<KvColumn> columnFamilies) {
    for (KvColumn c : columnFamilies) {
      columns.put(c.name(), new TreeMap<>(ORDER));
    }
  }

  private NavigableMap<byte[], byte[]> column(KvColumn column) {
    NavigableMap<byte[], byte[]> map = columns.get(column.name());
    if (map == null) {
      throw new IllegalArgumentException("unknown column family " + column.name());
    }
    return map;
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException(StorageException.Kind.CLOSED, null, "in-memory store is closed");
    }
  }

  @Override
  public byte[] get(KvColumn column, byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      byte[] v = column(column).get(key);
      return v == null ? null : v.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
    lock.readLock().lock();
    try {
      checkOpen();
      NavigableMap<byte[], byte[]> map = column(column);
      List<byte[]> out = new ArrayList<>(keys.size());
      for (byte[] k : keys) {
        byte[] v = map.get(k);
        out.add(v == null ? null : v.clone());
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public KvCursor scan(KvColumn column, KeyRange range) {
    lock.readLock().lock();
    try {
      checkOpen();
      return new CopyCursor(copyOf(column(column), range));
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<KvEntry> copyOf(NavigableMap<byte[], byte[]> map, KeyRange range) {
    NavigableMap<byte[], byte[]> view = map;
    if (range.from() != null) {
      view = view.tailMap(range.from(), true);
    }
    if (range.to() != null) {
      view = view.headMap(range.to(), false);
    }
    List<KvEntry> out = new ArrayList<>(view.size());
    view.forEach((k, v) -> out.add(new KvEntry(k.clone(), v.clone())));
    return out;
  }

  @Override
  public KvBatch newBatch() {
    checkOpen();
    return new MemoryBatch();
  }

  @Override
  public void write(KvBatch batch) {
    if (!(batch instanceof MemoryBatch mb)) {
      throw new IllegalArgumentException("batch was not created by this store");
    }
    lock.writeLock().lock();
    try {
      checkOpen();
      for (MemoryBatch.Op op : mb.ops) {
        column(op.column()); // validate every column before changing anything
      }
      for (MemoryBatch.Op op : mb.ops) {
        if (op.value() == null) {
          column(op.column()).remove(op.key());
        } else {
          column(op.column()).put(op.key(), op.value());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public KvSnapshot snapshot() {
    lock.readLock().lock();
    try {
      checkOpen();
      Map<String, NavigableMap<byte[], byte[]>> copy = new HashMap<>();
      columns.forEach((name, map) -> copy.put(name, new TreeMap<>(map)));
      return new MemorySnapshot(copy);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Path> location() {
    return Optional.empty();
  }

  @Override
  public boolean createdNew() {
    return true;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static final class MemoryBatch implements KvBatch {
    record Op(KvColumn column, byte[] key, byte[] value) {}

    private final List<Op> ops = new ArrayList<>();

    @Override
    public KvBatch put(KvColumn column, byte[] key, byte[] value) {
      ops.add(new Op(column, key.clone(), value.clone()));
      return this;
    }

    @Override
    public KvBatch delete(KvColumn column, byte[] key) {
      ops.add(new Op(column, key.clone(), null));
      return this;
    }

    @Override
    public int size() {
      return ops.size();
    }

    @Override
    public void close() {}
  }

  /** A snapshot made of private copies of every column; values are never shared with the store. */
  private final class MemorySnapshot implements KvSnapshot {
    private final Map<String, NavigableMap<byte[], byte[]>> columns;
    private volatile boolean closed;

    MemorySnapshot(Map<String, NavigableMap<byte[], byte[]>> columns) {
      this.columns = columns;
    }

    private NavigableMap<byte[], byte[]> column(KvColumn column) {
      if (closed || MemoryKvStore.this.closed) {
        throw new StorageException(StorageException.Kind.CLOSED, null, "snapshot is closed");
      }
      NavigableMap<byte[], byte[]> map = columns.get(column.name());
      if (map == null) {
        throw new IllegalArgumentException("unknown column family " + column.name());
      }
      return map;
    }

    @Override
    public byte[] get(KvColumn column, byte[] key) {
      byte[] v = column(column).get(key);
      return v == null ? null : v.clone();
    }

    @Override
    public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
      NavigableMap<byte[], byte[]> map = column(column);
      List<byte[]> out = new ArrayList<>(keys.size());
      for (byte[] k : keys) {
        byte[] v = map.get(k);
        out.add(v == null ? null : v.clone());
      }
      return out;
    }

    @Override
    public KvCursor scan(KvColumn column, KeyRange range) {
      return new CopyCursor(copyOf(column(column), range));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final class CopyCursor implements KvCursor {
    private final Iterator<KvEntry> it;
    private boolean closed;

    CopyCursor(List<KvEntry> entries) {
      this.it = entries.iterator();
    }

    @Override
    public boolean hasNext() {
      return !closed && !MemoryKvStore.this.closed && it.hasNext();
    }

    @Override
    public KvEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return it.next();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
