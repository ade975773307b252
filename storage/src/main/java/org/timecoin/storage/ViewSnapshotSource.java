package org.timecoin.storage;

import java.io.IOException;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.snapshot.ChunkCutter;
import org.timecoin.storage.snapshot.ChunkKind;
import org.timecoin.storage.snapshot.ChunkSink;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.snapshot.SnapshotSource;

/**
 * A snapshot source over a store view pinned at a tip: the UTXO column in key order, then the
 * registry records in key order, streamed through a {@link ChunkCutter} in O(chunk) memory.
 */
final class ViewSnapshotSource implements SnapshotSource {
  private final KvSnapshot view;
  private final ChainTip tip;

  ViewSnapshotSource(KvSnapshot view, ChainTip tip) {
    this.view = view;
    this.tip = tip;
  }

  @Override
  public long height() {
    return tip.height();
  }

  @Override
  public SnapshotManifest write(ChunkSink sink) throws IOException {
    ChunkCutter cutter = new ChunkCutter(sink);
    try (KvCursor cursor = view.scan(ChainSchema.UTXOS, KeyRange.all())) {
      while (cursor.hasNext()) {
        KvEntry e = cursor.next();
        // A UTXO's canonical encoding is its key followed by its stored value.
        byte[] key = e.key();
        byte[] value = e.value();
        cutter.add(
            ChunkKind.UTXOS,
            new ByteWriter(key.length + value.length).raw(key).raw(value).toByteArray());
      }
    }
    try (KvCursor cursor = view.scan(ChainSchema.MASTERNODES, KeyRange.all())) {
      while (cursor.hasNext()) {
        MasternodeRecord r = RegistryStore.RECORDS.decodeValue(cursor.next().value());
        cutter.add(ChunkKind.RECORDS, MasternodeRecord.CODEC.encode(r));
      }
    }
    SnapshotManifest manifest =
        new SnapshotManifest(tip.height(), tip.blockHash(), tip.stateRoot(), cutter.finish());
    manifest.checkAgainst(tip.stateRoot());
    return manifest;
  }

  @Override
  public void close() {
    view.close();
  }
}
