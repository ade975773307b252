package org.timecoin.testkit.sim.scenario;

import java.util.SplittableRandom;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;

/** Message loss (up to 40%), duplication, slow tails and reordering for 5-30 s, then calm. */
public final class LossyScenario implements Scenario {
  @Override
  public String name() {
    return "lossy";
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    Asynchrony.apply(run, Asynchrony.profile(r, 0.4, 0.2), 0.4);
    return 5_000 + r.nextLong(25_000);
  }
}
