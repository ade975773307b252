package org.timecoin.testkit.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.block.VoteType;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.SimMessage;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SimRun;
import org.timecoin.testkit.sim.SyntheticBlock;

/**
 * Byzantine validators acting together. When one of them proposes, it splits the honest nodes in
 * two halves and proposes a different valid block to each; every member then prevotes and
 * precommits each half's block towards that half, and nothing else. With f + 1 members or more
 * (beyond what the protocol tolerates) each half can see a quorum for its own block, so two blocks
 * are finalized at one height: the negative control of the invariant checker.
 */
public final class EquivocatingCoalition {
  private final List<SimNode> members = new ArrayList<>();

  /** The behaviour of one member of this coalition. */
  public Behaviour member() {
    return new Member();
  }

  private final class Member implements Behaviour {
    @Override
    public String name() {
      return "coalition-equivocator";
    }

    @Override
    public void onStart(SimNode node) {
      if (!members.contains(node)) {
        members.add(node);
      }
    }

    @Override
    public void sendProposal(SimNode node, ProposalMsg message) {
      Proposal first = message.proposal();
      SyntheticBlock other =
          SyntheticBlock.build(first.height(), first.round(), node.validatorIndex(), 1 << 22, true);
      node.remember(other);
      ProposalMsg second =
          new ProposalMsg(
              node.signProposal(first.height(), first.round(), other.hash(), -1), other);
      attack(node.run(), node, message, second);
    }

    @Override
    public void sendVote(SimNode node, VoteMsg message) {
      // Only the coalition's split votes leave a member.
    }
  }

  private void attack(SimRun run, SimNode proposer, ProposalMsg toA, ProposalMsg toB) {
    List<SimNode> honest = run.honestNodes();
    List<SimNode> sideA = honest.subList(0, (honest.size() + 1) / 2);
    List<SimNode> sideB = honest.subList((honest.size() + 1) / 2, honest.size());
    send(proposer, sideA, toA);
    send(proposer, sideB, toB);
    long h = toA.proposal().height();
    int r = toA.proposal().round();
    for (SimNode m : members) {
      for (VoteType type : new VoteType[] {VoteType.PREVOTE, VoteType.PRECOMMIT}) {
        send(m, sideA, vote(m, type, h, r, toA.proposal().value()));
        send(m, sideB, vote(m, type, h, r, toB.proposal().value()));
      }
    }
  }

  private static SimMessage vote(SimNode m, VoteType type, long h, int r, Hash32 value) {
    return new VoteMsg(m.signVote(type, h, r, value));
  }

  private static void send(SimNode from, List<SimNode> to, SimMessage message) {
    for (SimNode n : to) {
      from.send(n.endpoint(), message);
    }
  }
}
