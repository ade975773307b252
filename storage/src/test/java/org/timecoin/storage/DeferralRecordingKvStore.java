package org.timecoin.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.timecoin.storage.kv.ForwardingKvStore;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvStore;

/** Passes everything to a real store and records each change of a column's compaction deferral. */
final class DeferralRecordingKvStore extends ForwardingKvStore {
  final List<String> deferrals = new CopyOnWriteArrayList<>();

  DeferralRecordingKvStore(KvStore inner) {
    super(inner);
  }

  @Override
  public void deferCompactions(KvColumn column, boolean deferred) {
    deferrals.add(column.name() + "=" + deferred);
    inner.deferCompactions(column, deferred);
  }
}
