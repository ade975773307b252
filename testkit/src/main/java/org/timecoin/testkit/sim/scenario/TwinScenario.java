package org.timecoin.testkit.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.testkit.sim.NodeSpec;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SimRun;
import org.timecoin.testkit.sim.byzantine.Twin;

/**
 * f validators each run as two nodes with the same key. In half the runs the fault phase also
 * splits the honest nodes in two, each half reaching only one twin of each pair (the attack of the
 * "Twins" paper: each half sees a consistent, honest-looking validator).
 */
public final class TwinScenario implements Scenario {
  @Override
  public String name() {
    return "twin";
  }

  @Override
  public List<NodeSpec> nodes(int validators, int faulty, SplittableRandom random) {
    List<Integer> twinned = Scenario.pick(validators, faulty, random);
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      specs.add(twinned.contains(i) ? new NodeSpec(i, new Twin()) : NodeSpec.honest(i));
    }
    for (int i : twinned) {
      specs.add(new NodeSpec(i, new Twin()));
    }
    return specs;
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    long end = 3_000 + r.nextLong(12_000);
    if (r.nextBoolean()) {
      split(run, r);
    }
    return end;
  }

  /** Cuts every link between twin A and half 2, and between twin B and half 1. */
  private static void split(SimRun run, SplittableRandom r) {
    List<SimNode> honest = new ArrayList<>(run.honestNodes());
    List<SimNode> half1 = new ArrayList<>();
    List<SimNode> half2 = new ArrayList<>();
    for (SimNode n : honest) {
      (r.nextBoolean() ? half1 : half2).add(n);
    }
    for (int v = 0; v < run.validators(); v++) {
      List<SimNode> pair = run.nodesOf(v);
      if (pair.size() == 2) {
        cut(run, pair.get(0), half2);
        cut(run, pair.get(1), half1);
      }
    }
    run.log("twins split honest nodes into %s / %s", half1, half2);
  }

  private static void cut(SimRun run, SimNode twin, List<SimNode> from) {
    var lost = run.syncProfile().withLoss(1.0);
    for (SimNode n : from) {
      run.network().setLink(twin.endpoint(), n.endpoint(), lost);
      run.network().setLink(n.endpoint(), twin.endpoint(), lost);
    }
  }
}
