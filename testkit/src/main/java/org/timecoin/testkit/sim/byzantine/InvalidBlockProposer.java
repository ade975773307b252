package org.timecoin.testkit.sim.byzantine;

import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SyntheticBlock;

/** Proposes only blocks that no honest validator accepts; otherwise follows the protocol. */
public final class InvalidBlockProposer implements Behaviour {
  @Override
  public String name() {
    return "invalid-proposer";
  }

  @Override
  public SyntheticBlock buildBlock(SimNode node, long height, int round) {
    return SyntheticBlock.build(height, round, node.validatorIndex(), 0, false);
  }
}
