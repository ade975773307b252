package org.timecoin.node.consensus;

import java.util.function.Predicate;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;

/**
 * Puts proposals on the wire, whole or compact ({@code [network] compact_relay}). Compact, a
 * proposal names its transactions by short id, and the block is kept here to answer the fetches of
 * receivers that lack some of them. Thread-safe.
 */
public final class ProposalSender {
  /**
   * Blocks kept for fetches: the proposals of a few heights and rounds. A receiver asks within
   * milliseconds of the proposal; later ones got the block from a re-sent proposal anyway.
   */
  static final int BLOCKS_KEPT = 16;

  private final PeerNetwork network;
  private final boolean compact;
  private final RecentMap<Hash32, Block> blocks = new RecentMap<>(BLOCKS_KEPT);
  private final RecentMap<Proposal, CompactProposal> encoded = new RecentMap<>(4);

  public ProposalSender(PeerNetwork network, boolean compact) {
    this.network = network;
    this.compact = compact;
  }

  /** Sends to the peers {@code to} accepts. */
  public void broadcast(ProposalMessage m, Predicate<PeerInfo> to) {
    if (compact) {
      network.broadcast(NodeMessages.COMPACT_PROPOSAL, compactOf(m), to);
    } else {
      network.broadcast(NodeMessages.PROPOSAL, m, to);
    }
  }

  public void send(PublicKey peer, ProposalMessage m) {
    if (compact) {
      network.send(peer, NodeMessages.COMPACT_PROPOSAL, compactOf(m));
    } else {
      network.send(peer, NodeMessages.PROPOSAL, m);
    }
  }

  /** The block of a proposal sent lately, for a receiver's fetch; null when not kept. */
  public Block block(Hash32 hash) {
    return blocks.get(hash);
  }

  private CompactProposal compactOf(ProposalMessage m) {
    CompactProposal c = encoded.get(m.proposal());
    if (c == null) {
      c = CompactProposal.of(m.proposal(), m.block());
      encoded.put(m.proposal(), c);
      blocks.put(m.block().hash(), m.block());
    }
    return c;
  }
}
