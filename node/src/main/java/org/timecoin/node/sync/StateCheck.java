package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;

/**
 * Compares the UTXO-set commitment (state root) at a height with peers: on connect and then
 * periodically. A peer that disagrees is logged loudly and never used for sync again.
 */
final class StateCheck {
  private static final Logger log = LoggerFactory.getLogger(StateCheck.class);
  static final Duration INTERVAL = Duration.ofSeconds(30);

  private final LocalChain chain;
  private final PeerNetwork network;
  private final Set<PublicKey> distrusted = ConcurrentHashMap.newKeySet();
  private long lastCheckNanos = Long.MIN_VALUE;

  StateCheck(LocalChain chain, PeerNetwork network) {
    this.chain = chain;
    this.network = network;
  }

  boolean trusted(PublicKey peer) {
    return !distrusted.contains(peer);
  }

  void distrust(PublicKey peer) {
    distrusted.add(peer);
  }

  int distrustedCount() {
    return distrusted.size();
  }

  void ask(PublicKey peer, long height) {
    network.send(peer, NodeMessages.GET_STATE_ROOT, new GetStateRoot(height));
  }

  /** Every {@link #INTERVAL}: asks every peer for the root at our tip. */
  synchronized void maybeCheck(long nowNanos) {
    if (lastCheckNanos != Long.MIN_VALUE && nowNanos - lastCheckNanos < INTERVAL.toNanos()) {
      return;
    }
    lastCheckNanos = nowNanos;
    long h = chain.height();
    List<PeerInfo> peers = new ArrayList<>(network.peers());
    for (PeerInfo p : peers) {
      ask(p.nodeKey(), h);
    }
  }

  void onGetStateRoot(PublicKey from, GetStateRoot req) {
    BlockHeader h = req.height() <= chain.height() ? header(req.height()) : null;
    StateRoot answer =
        h == null
            ? new StateRoot(req.height(), false, Hash32.ZERO, Hash32.ZERO)
            : new StateRoot(req.height(), true, h.hash(), h.stateRoot());
    network.send(from, NodeMessages.STATE_ROOT, answer);
  }

  void onStateRoot(PublicKey from, StateRoot r) {
    if (!r.known() || r.height() > chain.height()) {
      return;
    }
    BlockHeader ours = header(r.height());
    if (ours == null) {
      return;
    }
    if (!ours.stateRoot().equals(r.stateRoot()) || !ours.hash().equals(r.blockHash())) {
      distrusted.add(from);
      log.error(
          "STATE MISMATCH with peer {} at height {}: ours block {} state {}, theirs block {} state {};"
              + " the peer will not be used for sync",
          from.toHex(),
          r.height(),
          ours.hash(),
          ours.stateRoot(),
          r.blockHash(),
          r.stateRoot());
    }
  }

  private BlockHeader header(long height) {
    return chain.store().blocks().blockAt(height).map(b -> b.header()).orElse(null);
  }
}
