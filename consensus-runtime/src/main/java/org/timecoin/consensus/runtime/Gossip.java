package org.timecoin.consensus.runtime;

import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;

/**
 * Port: sends this node's own signed messages to the validators. Called on the owner thread after
 * the message is in the WAL and the sign guard, so it must only enqueue (never block on a socket).
 */
public interface Gossip {
  /** Our proposal and the block it proposes, which travels with it. */
  void broadcastProposal(Proposal proposal, Block block);

  void broadcastVote(Vote vote);
}
