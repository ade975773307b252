package org.timecoin.p2p;

/** Told when a peer completes the handshake or goes away; called on the delivery executor. */
public interface PeerListener {
  default void onPeerConnected(PeerInfo peer) {}

  default void onPeerDisconnected(PeerInfo peer) {}
}
