package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;

/**
 * Compares the UTXO-set commitment (state root) at a height with peers: on connect and then
 * periodically. A peer that disagrees is logged loudly and never used for sync again. Only answers
 * to our own questions are looked at, and questions are answered within each peer's {@link
 * ServingBudget} (an answer reads a block from disk).
 */
final class StateCheck {
  private static final Logger log = LoggerFactory.getLogger(StateCheck.class);
  static final Duration INTERVAL = Duration.ofSeconds(30);

  /** Questions to one peer awaiting an answer, at most; older ones are forgotten. */
  static final int MAX_ASKED = 4;

  /** Bytes of a STATE_ROOT answer (height, flag, two hashes). */
  static final int ANSWER_BYTES = 8 + 1 + 32 + 32;

  private final LocalChain chain;
  private final PeerNetwork network;
  private final ServingBudget budget;
  private final Set<PublicKey> distrusted = ConcurrentHashMap.newKeySet();
  private final Map<PublicKey, ArrayDeque<Long>> asked = new HashMap<>();
  private long lastCheckNanos = Long.MIN_VALUE;

  StateCheck(LocalChain chain, PeerNetwork network, ServingBudget budget) {
    this.chain = chain;
    this.network = network;
    this.budget = budget;
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
    synchronized (asked) {
      ArrayDeque<Long> q = asked.computeIfAbsent(peer, p -> new ArrayDeque<>());
      if (q.size() >= MAX_ASKED) {
        q.pollFirst();
      }
      q.addLast(height);
    }
    network.send(peer, NodeMessages.GET_STATE_ROOT, new GetStateRoot(height));
  }

  void forget(PublicKey peer) {
    synchronized (asked) {
      asked.remove(peer);
    }
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
    switch (budget.admit(from)) {
      case SERVE -> {}
      case DROP -> {
        return;
      }
      case DROP_AND_PENALIZE -> {
        network.penalize(
            from, BlockServer.OVER_BUDGET_PENALTY, "asked for state roots far beyond its budget");
        return;
      }
    }
    Block b =
        req.height() > chain.height()
            ? null
            : chain.store().blocks().blockAt(req.height()).orElse(null);
    budget.charge(from, ANSWER_BYTES + (b == null ? 0 : b.encodedSize()));
    StateRoot answer =
        b == null
            ? new StateRoot(req.height(), false, Hash32.ZERO, Hash32.ZERO)
            : new StateRoot(req.height(), true, b.hash(), b.header().stateRoot());
    network.send(from, NodeMessages.STATE_ROOT, answer);
  }

  void onStateRoot(PublicKey from, StateRoot r) {
    if (!wasAsked(from, r.height()) || !r.known() || r.height() > chain.height()) {
      return;
    }
    Block ours = chain.store().blocks().blockAt(r.height()).orElse(null);
    if (ours == null) {
      return;
    }
    if (!ours.header().stateRoot().equals(r.stateRoot()) || !ours.hash().equals(r.blockHash())) {
      distrusted.add(from);
      log.error(
          "STATE MISMATCH with peer {} at height {}: ours block {} state {}, theirs block {} state {};"
              + " the peer will not be used for sync",
          from.toHex(),
          r.height(),
          ours.hash(),
          ours.header().stateRoot(),
          r.blockHash(),
          r.stateRoot());
    }
  }

  /** Whether we asked {@code from} for this height and had no answer yet; consumes the question. */
  private boolean wasAsked(PublicKey from, long height) {
    synchronized (asked) {
      ArrayDeque<Long> q = asked.get(from);
      return q != null && q.removeFirstOccurrence(height);
    }
  }

  long dropped() {
    return budget.dropped();
  }
}
