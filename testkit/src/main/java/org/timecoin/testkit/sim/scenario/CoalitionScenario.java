package org.timecoin.testkit.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.testkit.sim.NodeSpec;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;
import org.timecoin.testkit.sim.byzantine.EquivocatingCoalition;

/**
 * f + 1 validators form an {@link EquivocatingCoalition}: one more than the protocol tolerates. Not
 * among the named scenarios: agreement is expected to break, and a test checks that the invariant
 * checker says so.
 */
public final class CoalitionScenario implements Scenario {
  @Override
  public String name() {
    return "coalition-beyond-f";
  }

  @Override
  public List<NodeSpec> nodes(int validators, int faulty, SplittableRandom random) {
    EquivocatingCoalition coalition = new EquivocatingCoalition();
    List<Integer> bad = Scenario.pick(validators, faulty + 1, random);
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      specs.add(bad.contains(i) ? new NodeSpec(i, coalition.member()) : NodeSpec.honest(i));
    }
    return specs;
  }

  @Override
  public long injectFaults(SimRun run) {
    return 5_000;
  }
}
