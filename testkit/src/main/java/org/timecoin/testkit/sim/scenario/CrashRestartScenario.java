package org.timecoin.testkit.sim.scenario;

import java.util.SplittableRandom;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimNode;
import org.timecoin.testkit.sim.SimRun;

/**
 * Honest validators crash at random moments — some right after logging a signed message and before
 * sending it — and restart 50 ms to 5 s later, replaying their WAL. Any validator may be hit,
 * several at once; all are back up when the fault phase ends.
 */
public final class CrashRestartScenario implements Scenario {
  @Override
  public String name() {
    return "crash-restart";
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    long end = 8_000 + r.nextLong(20_000);
    for (long at = r.nextLong(1_000); at < end; at += 200 + r.nextLong(2_500)) {
      SimNode victim = run.nodes().get(r.nextInt(run.nodes().size()));
      int kind = r.nextInt(3);
      long downFor = 50 + r.nextLong(5_000);
      run.scheduler()
          .scheduleAfterMillis(
              at,
              () -> {
                if (!victim.isUp() || run.faultsOver()) {
                  return;
                }
                Runnable restartLater =
                    () -> run.scheduler().scheduleAfterMillis(downFor, () -> run.restart(victim));
                switch (kind) {
                  case 0 -> victim.crashBeforeNextSend(restartLater);
                  case 1 -> {
                    run.crashLosingUnsynced(victim);
                    restartLater.run();
                  }
                  default -> {
                    run.crash(victim);
                    restartLater.run();
                  }
                }
              });
    }
    return end;
  }

  @Override
  public void endFaults(SimRun run) {
    run.makeNetworkSynchronous();
    for (SimNode n : run.nodes()) {
      run.restart(n);
    }
  }
}
