package org.timecoin.testkit.sim.scenario;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.NodeSpec;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;

/**
 * f random validators follow a Byzantine strategy for the whole run. During the fault phase (3-15
 * s) the network is also asynchronous — slow tails, reordering, a little loss — which gives the
 * strategy more schedules to exploit; then it is timely and the strategy goes on.
 */
public final class ByzantineScenario implements Scenario {
  private final String name;
  private final Supplier<Behaviour> strategy;

  public ByzantineScenario(String name, Supplier<Behaviour> strategy) {
    this.name = name;
    this.strategy = strategy;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<NodeSpec> nodes(int validators, int faulty, SplittableRandom random) {
    return Scenario.withByzantine(validators, faulty, random, strategy);
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    Asynchrony.apply(run, Asynchrony.profile(r, 0.1, 0.1), 0.1);
    return 3_000 + r.nextLong(12_000);
  }
}
