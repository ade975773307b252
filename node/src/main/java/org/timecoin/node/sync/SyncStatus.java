package org.timecoin.node.sync;

import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.api.SyncView;

/** What block sync knows: whether the node is catching up and the heights peers announced. */
public interface SyncStatus {
  boolean syncing();

  /**
   * The height sync aims for: the best height claimed by a peer that is trusted and still asked.
   */
  long bestPeerHeight();

  /**
   * The best height known to exist: the highest block a peer served with a valid certificate, or
   * our own tip if higher. Unlike claims, a peer cannot raise it by saying so.
   */
  long provenHeight();

  /** The height {@code peer} last announced, or -1. */
  long peerHeight(PublicKey peer);

  /** Sync state, rate, ETA and why the node is not progressing, for operators. */
  SyncView view();
}
