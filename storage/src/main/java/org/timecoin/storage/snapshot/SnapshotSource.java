package org.timecoin.storage.snapshot;

import java.io.IOException;

/**
 * The state at one block, held as a consistent view of the store until it is written or closed:
 * taken cheaply by the writer right after the block is applied, written later on another thread.
 */
public interface SnapshotSource extends AutoCloseable {
  /** The height of the block whose state this is. */
  long height();

  /**
   * Cuts the state into chunks, hands them to {@code sink} in order and returns the manifest,
   * checked against the block's state root.
   */
  SnapshotManifest write(ChunkSink sink) throws IOException;

  /** Releases the view; the source can not be written afterwards. */
  @Override
  void close();
}
