package org.timecoin.testkit.sim;

import java.util.List;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;

/** What simulated validators send each other. */
public sealed interface SimMessage {
  long height();

  /** A signed proposal with the block it names (the block travels beside the proposal). */
  record ProposalMsg(Proposal proposal, SyntheticBlock block) implements SimMessage {
    @Override
    public long height() {
      return proposal.height();
    }
  }

  record VoteMsg(Vote vote) implements SimMessage {
    @Override
    public long height() {
      return vote.height();
    }
  }

  /** "I am working on this height": peers that are past it answer with a {@link CatchUpMsg}. */
  record StatusMsg(long height) implements SimMessage {}

  /**
   * The decision of a height for a peer that lags (block sync): the block and the precommits of its
   * commit certificate, which the peer verifies before it adopts the block and moves on.
   */
  record CatchUpMsg(long height, int round, SyntheticBlock block, List<Vote> precommits)
      implements SimMessage {
    public CatchUpMsg {
      precommits = List.copyOf(precommits);
    }
  }
}
