package org.timecoin.storage.kv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KvStore} that passes every call to another. Wrappers that change one behaviour (record
 * the writes, inject a failure) extend it and override only that call.
 */
public abstract class ForwardingKvStore implements KvStore {
  protected final KvStore inner;

  protected ForwardingKvStore(KvStore inner) {
    this.inner = inner;
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
  public void writeUnlogged(KvBatch batch) {
    inner.writeUnlogged(batch);
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void ingestSorted(KvColumn column, List<KvEntry> entries) {
    inner.ingestSorted(column, entries);
  }

  @Override
  public void deferCompactions(KvColumn column, boolean deferred) {
    inner.deferCompactions(column, deferred);
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
  public Optional<EngineStats> engineStats() {
    return inner.engineStats();
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
