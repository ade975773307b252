package org.timecoin.bench;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.storage.kv.ForwardingKvStore;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvStore;

/**
 * A {@link KvStore} that passes everything to another and keeps a copy of the puts and deletes of
 * the last written batch, so a benchmark can replay exactly those bytes as a plain batch and
 * compare. It keeps the caller's arrays without copying (the store's writers never reuse them), so
 * recording adds almost nothing to the measured write.
 */
final class RecordingKvStore extends ForwardingKvStore {
  /** One put (value non-null) or delete (value null). */
  record Write(KvColumn column, byte[] key, byte[] value) {}

  private List<Write> lastWrites = List.of();

  RecordingKvStore(KvStore inner) {
    super(inner);
  }

  /** The writes of the most recent {@link #write(KvBatch)}. */
  List<Write> lastWrites() {
    return lastWrites;
  }

  /** Writes {@code writes} as one batch to the underlying store, bypassing the recording. */
  void writeRaw(List<Write> writes) {
    try (KvBatch batch = inner.newBatch()) {
      for (Write w : writes) {
        if (w.value() == null) {
          batch.delete(w.column(), w.key());
        } else {
          batch.put(w.column(), w.key(), w.value());
        }
      }
      inner.write(batch);
    }
  }

  @Override
  public KvBatch newBatch() {
    return new RecordingBatch(inner.newBatch());
  }

  @Override
  public void write(KvBatch batch) {
    if (batch instanceof RecordingBatch recording) {
      inner.write(recording.inner);
      lastWrites = List.copyOf(recording.writes);
    } else {
      inner.write(batch);
    }
  }

  private static final class RecordingBatch implements KvBatch {
    private final KvBatch inner;
    private final List<Write> writes = new ArrayList<>();

    RecordingBatch(KvBatch inner) {
      this.inner = inner;
    }

    @Override
    public KvBatch put(KvColumn column, byte[] key, byte[] value) {
      inner.put(column, key, value);
      writes.add(new Write(column, key, value));
      return this;
    }

    @Override
    public KvBatch delete(KvColumn column, byte[] key) {
      inner.delete(column, key);
      writes.add(new Write(column, key, null));
      return this;
    }

    @Override
    public int size() {
      return inner.size();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
