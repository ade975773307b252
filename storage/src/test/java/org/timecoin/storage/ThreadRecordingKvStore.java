package org.timecoin.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.kv.KvStore;

/**
 * Passes everything through and records which threads ran point reads and how many multiGets. Its
 * close() leaves the inner store open, so a test can reopen a chain store over the same data.
 */
final class ThreadRecordingKvStore implements KvStore {
  private final KvStore inner;
  final Set<String> readThreads = ConcurrentHashMap.newKeySet();
  final AtomicInteger multiGets = new AtomicInteger();

  ThreadRecordingKvStore(KvStore inner) {
    this.inner = inner;
  }

  @Override
  public byte[] get(KvColumn column, byte[] key) {
    readThreads.add(Thread.currentThread().getName());
    return inner.get(column, key);
  }

  @Override
  public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
    readThreads.add(Thread.currentThread().getName());
    multiGets.incrementAndGet();
    return inner.multiGet(column, keys);
  }

  @Override
  public KvCursor scan(KvColumn column, KeyRange range) {
    return inner.scan(column, range);
  }

  @Override
  public KvBatch newBatch() {
    return inner.newBatch();
  }

  @Override
  public void write(KvBatch batch) {
    inner.write(batch);
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
  public void close() {}
}
