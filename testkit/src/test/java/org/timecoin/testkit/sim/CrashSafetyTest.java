package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The WAL and the sign guard are what keep a restarted validator from equivocating: with them the
 * simulation sees no honest equivocation, and a node that loses them on a crash is caught by the
 * invariant monitor.
 */
class CrashSafetyTest {
  /** Crashes random validators every 0.3-1.5 s, optionally wiping their consensus log first. */
  private record Crasher(boolean loseDisk) implements Scenario {
    @Override
    public String name() {
      return loseDisk ? "amnesia" : "crash-with-disk";
    }

    @Override
    public long injectFaults(SimRun run) {
      SplittableRandom r = run.random();
      for (long at = 300; at < 12_000; at += 300 + r.nextLong(1_200)) {
        SimNode victim = run.nodes().get(r.nextInt(run.nodes().size()));
        long downFor = 10 + r.nextLong(300);
        run.scheduler()
            .scheduleAfterMillis(
                at,
                () -> {
                  run.crash(victim);
                  if (loseDisk) {
                    victim.loseConsensusLog();
                  }
                  run.scheduler().scheduleAfterMillis(downFor, () -> run.restart(victim));
                });
      }
      return 12_000;
    }

    @Override
    public void endFaults(SimRun run) {
      run.makeNetworkSynchronous();
      run.nodes().forEach(run::restart);
    }
  }

  @Test
  void restartedValidatorsNeverEquivocate() {
    for (long seed = 1; seed <= 30; seed++) {
      RunResult r = Simulation.run(new Crasher(false), 4, seed);
      assertThat(r.passed()).as(r::describeFailure).isTrue();
    }
  }

  @Test
  void aValidatorThatLosesItsLogIsCaughtEquivocating() {
    long caught =
        LongStream.rangeClosed(1, 30)
            .mapToObj(seed -> Simulation.run(new Crasher(true), 4, seed))
            .filter(r -> r.safetyViolations().stream().anyMatch(v -> v.contains("equivocated")))
            .count();
    assertThat(caught).isPositive();
  }

  @Test
  void crashingBeforeSendingASignedMessageThenRestartingIsSafe() {
    Scenario beforeSend =
        new Scenario() {
          @Override
          public String name() {
            return "crash-before-send";
          }

          @Override
          public long injectFaults(SimRun run) {
            for (SimNode n : run.nodes()) {
              n.crashBeforeNextSend(
                  () -> run.scheduler().scheduleAfterMillis(500, () -> run.restart(n)));
            }
            return 5_000;
          }
        };
    for (long seed = 1; seed <= 20; seed++) {
      Simulation.Traced t = Simulation.run(beforeSend, 4, seed, SimOptions.DEFAULT.withTrace(true));
      assertThat(t.result().passed()).as(t.result()::describeFailure).isTrue();
      assertThat(t.trace()).anyMatch(line -> line.contains("restart"));
    }
  }
}
