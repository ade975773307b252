package org.timecoin.testkit.sim.byzantine;

import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SyntheticBlock;

/**
 * One of two nodes that run the protocol correctly with the same validator key, each with its own
 * log and sign guard: together they sign conflicting messages while each looks honest. Each twin
 * builds its own block, so when the key is the proposer the two propose different values.
 */
public final class Twin implements Behaviour {
  @Override
  public String name() {
    return "twin";
  }

  @Override
  public SyntheticBlock buildBlock(SimNode node, long height, int round) {
    return SyntheticBlock.build(height, round, node.validatorIndex(), 1 + node.endpoint(), true);
  }
}
