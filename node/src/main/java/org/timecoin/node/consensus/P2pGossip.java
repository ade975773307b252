package org.timecoin.node.consensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.Gossip;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerListener;
import org.timecoin.p2p.PeerNetwork;

/**
 * Sends this validator's proposals (with their block) and votes to every peer, and sends the ones
 * of the current height again — to a peer that just connected, and to everyone when consensus has
 * made no progress for {@code resendAfter} — so a height never depends on one lucky delivery (a
 * peer that was not connected yet, a dropped message). Broadcasting only enqueues.
 */
public final class P2pGossip implements Gossip, PeerListener {
  /** Own messages kept per height, at most (rounds beyond this are rare). */
  static final int MAX_KEPT = 64;

  private final PeerNetwork network;
  private final ProposalSender proposals;
  private final Clock clock;
  private final Duration resendAfter;
  private final List<Object> current = new ArrayList<>();
  private long currentHeight = -1;
  private long lastSentNanos;

  public P2pGossip(
      PeerNetwork network, ProposalSender proposals, Clock clock, Duration resendAfter) {
    this.network = network;
    this.proposals = proposals;
    this.clock = clock;
    this.resendAfter = resendAfter;
  }

  @Override
  public void broadcastProposal(Proposal proposal, Block block) {
    ProposalMessage m = new ProposalMessage(proposal, block);
    keep(proposal.height(), m);
    proposals.broadcast(m, p -> true);
  }

  @Override
  public void broadcastVote(Vote vote) {
    keep(vote.height(), vote);
    network.broadcast(NodeMessages.VOTE, vote);
  }

  private synchronized void keep(long height, Object message) {
    if (height > currentHeight) {
      currentHeight = height;
      current.clear();
    }
    if (height == currentHeight && current.size() < MAX_KEPT) {
      current.add(message);
    }
    lastSentNanos = clock.monoNanos();
  }

  @Override
  public void onPeerConnected(PeerInfo peer) {
    resendTo(peer.nodeKey(), snapshot());
  }

  /** Called periodically: re-sends the current height's messages when nothing was sent lately. */
  public void resendIfStalled() {
    List<Object> messages;
    synchronized (this) {
      if (current.isEmpty() || clock.monoNanos() - lastSentNanos < resendAfter.toNanos()) {
        return;
      }
      lastSentNanos = clock.monoNanos();
      messages = List.copyOf(current);
    }
    for (PeerInfo p : network.peers()) {
      resendTo(p.nodeKey(), messages);
    }
  }

  private synchronized List<Object> snapshot() {
    return List.copyOf(current);
  }

  private void resendTo(PublicKey peer, List<Object> messages) {
    for (Object m : messages) {
      if (m instanceof ProposalMessage p) {
        proposals.send(peer, p);
      } else if (m instanceof Vote v) {
        network.send(peer, NodeMessages.VOTE, v);
      }
    }
  }
}
