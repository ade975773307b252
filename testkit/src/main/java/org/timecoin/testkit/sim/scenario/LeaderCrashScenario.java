package org.timecoin.testkit.sim.scenario;

import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SimRun;

/**
 * f leaders crash, one after the other: each just as it starts the height it is to propose in round
 * 0, so the others must time out and change round (the view change). They stay down. Recovery is
 * the virtual time from each crash to the next block finalized by an honest validator.
 */
public final class LeaderCrashScenario implements Scenario {
  @Override
  public String name() {
    return "leader-crash";
  }

  @Override
  public long injectFaults(SimRun run) {
    int[] left = {Math.max(1, run.faulty())};
    long[] nextHeight = {2 + run.random().nextInt(2)};
    run.onHeightStart(
        (SimNode node, Long height) -> {
          if (run.faultsOver()
              || left[0] == 0
              || height < nextHeight[0]
              || !node.honest()
              || run.proposerOf(height, 0) != node.validatorIndex()) {
            return;
          }
          left[0]--;
          nextHeight[0] = height + 2;
          run.crash(node);
          run.leaderCrashedNow(node);
        });
    return 4_000 + 5_000L * Math.max(1, run.faulty());
  }
}
