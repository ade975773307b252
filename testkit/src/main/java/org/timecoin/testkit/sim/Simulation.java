package org.timecoin.testkit.sim;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.consensus.ConsensusParams;
import org.timecoin.consensus.TimeoutKind;

/**
 * Runs one seeded simulation of a scenario and checks its invariants: agreement, validity, no
 * honest equivocation (watched throughout), and liveness: once the fault phase is over, every
 * honest validator that is up must finalize the next height (and at least {@link
 * SimOptions#minHeights}) within a bound derived from the timeouts.
 */
public final class Simulation {
  /** A run's result with the lines of its trace (empty unless tracing). */
  public record Traced(RunResult result, List<String> trace) {}

  private Simulation() {}

  public static RunResult run(Scenario scenario, int validators, long seed) {
    return run(scenario, validators, seed, SimOptions.DEFAULT).result();
  }

  public static Traced run(Scenario scenario, int validators, long seed, SimOptions options) {
    SimRun run = new SimRun(scenario, validators, seed, options);
    List<String> safety = new ArrayList<>();
    String liveness;
    try {
      liveness = drive(run, scenario, options);
    } catch (RuntimeException | StackOverflowError e) {
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      safety.add("exception at " + run.nowMillis() + " ms: " + firstLines(sw.toString(), 8));
      liveness = null;
    }
    safety.addAll(0, run.monitor().violations());
    RunMetrics m = run.metrics();
    long cap = options.params().maxRoundTimeout().toMillis();
    if (m.maxTimeoutMillis() > cap && liveness == null) {
      liveness = "a round waited " + m.maxTimeoutMillis() + " ms, above max_round_timeout " + cap;
    }
    long heights =
        run.honestNodes().stream()
            .filter(SimNode::isUp)
            .mapToLong(SimNode::finalizedHeight)
            .min()
            .orElse(0);
    RunResult result =
        new RunResult(
            scenario.name(),
            validators,
            seed,
            safety,
            liveness,
            heights,
            m.roundChanges(),
            m.leaderRecoveryMillis(),
            run.network().stats().sent(),
            m.maxTimeoutMillis(),
            m.healRounds(),
            m.healMillis(),
            m.replayMismatches(),
            run.nowMillis(),
            run.events());
    if (options.trace()) {
      run.log("network: %s", run.network().stats());
      run.log(
          "evidence found %d, messages rejected %d, own messages re-sent %d",
          m.evidence(), m.rejected(), m.resentMessages());
      run.log("events: %s", run.events());
    }
    return new Traced(result, List.copyOf(run.trace()));
  }

  /** Runs both phases; returns why liveness failed, or null. */
  private static String drive(SimRun run, Scenario scenario, SimOptions options) {
    long faultMillis = scenario.injectFaults(run);
    SplittableRandom starts = run.seeds().stream("starts");
    for (SimNode n : run.nodes()) {
      long at = starts.nextLong(100_000_000L);
      if (!n.lateStart()) {
        run.scheduler().scheduleAfterNanos(at, n::start);
      }
    }
    run.scheduler().runUntil(Math.max(faultMillis, 200) * 1_000_000L); // all nodes started
    run.endFaultPhase();
    for (SimNode n : run.nodes()) {
      if (n.lateStart()) {
        run.log("%s starts late, at height %d of its peers", n, best(run));
        n.start();
      }
    }

    List<SimNode> live =
        run.honestNodes().stream().filter(n -> n.isUp() && n.behaviour().participates()).toList();
    long best = best(run);
    long worst = live.stream().mapToLong(SimNode::finalizedHeight).min().orElse(0);
    int maxRound = live.stream().mapToInt(SimNode::round).max().orElse(0);
    long target = Math.max(best + 1, options.minHeights());
    long boundMillis = livenessBoundMillis(run, options, maxRound, target - worst);
    long start = run.nowMillis();
    boolean reached =
        run.scheduler()
            .runUntil(
                (start + boundMillis) * 1_000_000L,
                () -> live.stream().allMatch(n -> n.finalizedHeight() >= target));
    if (reached) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("faults ended at ")
        .append(start)
        .append(" ms; honest nodes had not all finalized height ")
        .append(target)
        .append(" within ")
        .append(boundMillis)
        .append(" ms:");
    for (SimNode n : live) {
      sb.append(' ')
          .append(n)
          .append("@h")
          .append(n.finalizedHeight())
          .append("/r")
          .append(n.round());
    }
    return sb.toString();
  }

  private static long best(SimRun run) {
    return run.honestNodes().stream().mapToLong(SimNode::finalizedHeight).max().orElse(0);
  }

  /**
   * Time for f + 5 full rounds from the highest round an honest node is in (Byzantine proposers can
   * spoil up to f of them in a row, and a random draw may add some), plus the block interval, plus
   * time for lagging nodes to catch up height by height.
   */
  static long livenessBoundMillis(SimRun run, SimOptions options, int fromRound, long lagHeights) {
    ConsensusParams p = options.params();
    long total = options.blockIntervalMillis() + 2_000 + 1_500 * Math.max(0, lagHeights);
    for (int k = 0; k < run.faulty() + 5; k++) {
      for (TimeoutKind kind : TimeoutKind.values()) {
        total += p.timeout(kind, fromRound + k).toMillis();
      }
    }
    return total;
  }

  private static String firstLines(String s, int n) {
    String[] lines = s.split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, lines.length); i++) {
      sb.append(i == 0 ? "" : " | ").append(lines[i].trim());
    }
    return sb.toString();
  }
}
