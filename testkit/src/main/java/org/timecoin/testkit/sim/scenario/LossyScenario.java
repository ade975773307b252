package org.timecoin.testkit.sim.scenario;

import java.util.SplittableRandom;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimMessage;
import org.timecoin.testkit.sim.SimRun;

/**
 * Message loss (up to 40%), duplication, slow tails and reordering for 5-30 s, then calm. One run
 * in ten is a long stall instead: every proposal is lost for 30-45 minutes while votes flow, so
 * rounds keep failing and their timeouts grow until they reach max_round_timeout.
 */
public final class LossyScenario implements Scenario {
  @Override
  public String name() {
    return "lossy";
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    Asynchrony.apply(run, Asynchrony.profile(r, 0.4, 0.2), 0.4);
    if (r.nextInt(10) == 0) {
      run.log("stall: every proposal is lost");
      run.network().dropMatching(m -> m instanceof SimMessage.ProposalMsg);
      return 30 * 60_000 + r.nextLong(15 * 60_000);
    }
    return 5_000 + r.nextLong(25_000);
  }
}
