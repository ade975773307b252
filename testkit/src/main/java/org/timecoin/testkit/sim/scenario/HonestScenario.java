package org.timecoin.testkit.sim.scenario;

import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;

/** No faults at all: the baseline for heights, rounds and messages per height. */
public final class HonestScenario implements Scenario {
  @Override
  public String name() {
    return "honest";
  }

  @Override
  public long injectFaults(SimRun run) {
    return 0;
  }
}
