package org.timecoin.testkit.sim.byzantine;

import java.util.HashSet;
import java.util.Set;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.block.VoteType;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.RunEvents;
import org.timecoin.testkit.sim.SimMessage;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.ValidatorSchedule;

/**
 * A validator that votes where its key has no vote: after the last epoch of the set it left, or in
 * the epoch before the one it joins. For every proposal it sees there, it signs a prevote and a
 * precommit for the proposed value and sends them to everyone. Inside its epochs it follows the
 * protocol. Honest nodes must refuse these votes (not a validator of that height), so they count
 * toward no quorum.
 */
public final class OutsiderVoter implements Behaviour {
  /** Where it votes without a vote. */
  public enum Mode {
    /** After its last epoch: a leaving validator that keeps voting. */
    AFTER_LEAVING,
    /** In the epoch before its first: a joining validator that votes one epoch early. */
    BEFORE_JOINING
  }

  private final Mode mode;
  private final Set<String> voted = new HashSet<>();

  public OutsiderVoter(Mode mode) {
    this.mode = mode;
  }

  @Override
  public String name() {
    return mode == Mode.AFTER_LEAVING ? "leaver-keeps-voting" : "joiner-votes-early";
  }

  @Override
  public void observe(SimNode node, int from, SimMessage message) {
    if (!(message instanceof ProposalMsg p) || !outside(node, p.height())) {
      return;
    }
    Proposal proposal = p.proposal();
    if (!voted.add(proposal.height() + "/" + proposal.round())) {
      return;
    }
    for (VoteType type : new VoteType[] {VoteType.PREVOTE, VoteType.PRECOMMIT}) {
      node.broadcast(
          new VoteMsg(node.signVote(type, proposal.height(), proposal.round(), proposal.value())));
      node.run().count(RunEvents.OUTSIDER_VOTES);
    }
  }

  private boolean outside(SimNode node, long height) {
    int me = node.validatorIndex();
    ValidatorSchedule schedule = node.run().schedule();
    long epoch = schedule.epochOf(height);
    if (node.run().isMember(me, height)) {
      return false;
    }
    return switch (mode) {
      case AFTER_LEAVING -> {
        long last = schedule.lastEpochOf(me);
        yield last >= 0 && last != Long.MAX_VALUE && epoch > last;
      }
      case BEFORE_JOINING -> epoch == schedule.firstEpochOf(me) - 1;
    };
  }
}
