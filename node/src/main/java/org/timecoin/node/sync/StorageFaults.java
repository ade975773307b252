package org.timecoin.node.sync;

import org.timecoin.storage.StorageException;

/** Storage errors met while syncing or serving are ours: they stop the node, never blame a peer. */
final class StorageFaults {
  private StorageFaults() {}

  /** Halts sync (and the node) when {@code error} comes from storage; true if it did. */
  static boolean haltIfStorage(BlockSync sync, String activity, Throwable error) {
    StorageException e = ApplyFailure.storageFault(error);
    if (e == null) {
      return false;
    }
    sync.halt(
        "storage fault while "
            + activity
            + " at height "
            + sync.chain().height()
            + ": "
            + e.getMessage());
    return true;
  }

  /** Runs a message handler; a storage error in it stops the node instead of reaching the peer. */
  static void guarded(BlockSync sync, String activity, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      if (!haltIfStorage(sync, activity, e)) {
        throw e;
      }
    }
  }
}
