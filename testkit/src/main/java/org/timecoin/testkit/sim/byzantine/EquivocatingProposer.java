package org.timecoin.testkit.sim.byzantine;

import org.timecoin.consensus.Proposal;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SyntheticBlock;

/**
 * Proposes two different valid blocks in the same round: each peer gets one of them at random, so
 * the honest validators disagree on what was proposed. Votes as its engine says.
 */
public final class EquivocatingProposer implements Behaviour {
  @Override
  public String name() {
    return "equivocating-proposer";
  }

  @Override
  public void sendProposal(SimNode node, ProposalMsg message) {
    Proposal first = message.proposal();
    SyntheticBlock other =
        SyntheticBlock.build(
            first.height(),
            first.round(),
            node.validatorIndex(),
            1 + node.random().nextInt(1 << 20),
            true);
    node.remember(other);
    ProposalMsg second =
        new ProposalMsg(node.signProposal(first.height(), first.round(), other.hash(), -1), other);
    for (int to = 0; to < node.run().network().size(); to++) {
      if (to != node.endpoint()) {
        node.send(to, node.random().nextBoolean() ? message : second);
      }
    }
  }
}
