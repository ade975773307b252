package org.timecoin.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.storage.snapshot.BadChunkException;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.snapshot.SnapshotSource;

/** A snapshot written into memory: its manifest and its chunks in order. */
record WrittenSnapshot(SnapshotManifest manifest, List<byte[]> chunks) {
  static WrittenSnapshot of(ChainStore store) {
    List<byte[]> chunks = new ArrayList<>();
    try (SnapshotSource source = store.snapshotSource()) {
      SnapshotManifest m = source.write((index, bytes) -> chunks.add(bytes));
      return new WrittenSnapshot(m, chunks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports every chunk not imported yet into {@code store}. */
  void importAll(ChainStore store) throws BadChunkException {
    for (int i = 0; i < chunks.size(); i++) {
      store.importChunk(i, chunks.get(i));
    }
  }
}
