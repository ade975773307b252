package org.timecoin.node.sync;

import org.timecoin.domain.crypto.PublicKey;

/** What block sync knows: whether the node is catching up and the heights peers announced. */
public interface SyncStatus {
  boolean syncing();

  long bestPeerHeight();

  /** The height {@code peer} last announced, or -1. */
  long peerHeight(PublicKey peer);
}
