package org.timecoin.p2p;

import org.timecoin.domain.crypto.PublicKey;

/**
 * Receives the messages of one registered type. Called on the type's lane (the executor it was
 * registered with, or the delivery executor given to {@link P2pNode}), never on a network thread,
 * one message at a time per peer in arrival order; it may block, at the cost of slowing reads from
 * that peer.
 */
@FunctionalInterface
public interface PeerMessageHandler<T> {
  void onMessage(PublicKey from, T message);
}
