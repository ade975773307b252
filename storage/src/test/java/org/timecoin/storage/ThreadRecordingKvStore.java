package org.timecoin.storage;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.storage.kv.ForwardingKvStore;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvStore;

/**
 * Passes everything through and records which threads ran point reads and how many multiGets. Its
 * close() leaves the inner store open, so a test can reopen a chain store over the same data.
 */
final class ThreadRecordingKvStore extends ForwardingKvStore {
  final Set<String> readThreads = ConcurrentHashMap.newKeySet();
  final AtomicInteger multiGets = new AtomicInteger();

  ThreadRecordingKvStore(KvStore inner) {
    super(inner);
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
  public void close() {}
}
