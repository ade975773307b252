package org.timecoin.storage.snapshot;

import java.io.IOException;

/** Receives the chunks of a snapshot as they are cut, in index order. */
@FunctionalInterface
public interface ChunkSink {
  void chunk(int index, byte[] bytes) throws IOException;
}
