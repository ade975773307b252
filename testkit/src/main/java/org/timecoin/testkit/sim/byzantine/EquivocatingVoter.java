package org.timecoin.testkit.sim.byzantine;

import java.util.HashMap;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Vote;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.SimMessage;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SyntheticBlock;

/**
 * For every vote its engine casts, signs a conflicting one (nil instead of a value, or a proposed
 * value instead of nil) and sends each peer the real vote, the conflicting one, or both.
 */
public final class EquivocatingVoter implements Behaviour {
  private record HeightRound(long height, int round) {}

  private final Map<HeightRound, Hash32> proposed = new HashMap<>();

  @Override
  public String name() {
    return "equivocating-voter";
  }

  @Override
  public void observe(SimNode node, int from, SimMessage message) {
    if (message instanceof ProposalMsg p) {
      proposed.put(new HeightRound(p.height(), p.proposal().round()), p.proposal().value());
    }
  }

  @Override
  public void sendVote(SimNode node, VoteMsg message) {
    Vote real = message.vote();
    Hash32 other = real.isNil() ? proposedOrMadeUp(node, real) : null;
    VoteMsg fake = new VoteMsg(node.signVote(real.type(), real.height(), real.round(), other));
    for (int to = 0; to < node.run().network().size(); to++) {
      if (to == node.endpoint()) {
        continue;
      }
      switch (node.random().nextInt(3)) {
        case 0 -> node.send(to, message);
        case 1 -> node.send(to, fake);
        default -> {
          node.send(to, fake);
          node.send(to, message);
        }
      }
    }
  }

  private Hash32 proposedOrMadeUp(SimNode node, Vote vote) {
    Hash32 seen = proposed.get(new HeightRound(vote.height(), vote.round()));
    if (seen != null) {
      return seen;
    }
    SyntheticBlock madeUp =
        SyntheticBlock.build(vote.height(), vote.round(), node.validatorIndex(), 1 << 21, true);
    node.remember(madeUp);
    return madeUp.hash();
  }
}
