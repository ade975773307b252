package org.timecoin.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timecoin.consensus.ConsensusParams;
import org.timecoin.testkit.sim.CampaignResult;
import org.timecoin.testkit.sim.RunResult;
import org.timecoin.testkit.sim.Scenarios;
import org.timecoin.testkit.sim.SimOptions;
import org.timecoin.testkit.sim.SimulationCampaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench consensus-sim}: seeded simulation campaigns of the Tendermint engine (testkit's
 * simulated network and virtual clock), judged by the consensus goals. Times are virtual.
 */
@Command(
    name = "consensus-sim",
    mixinStandardHelpOptions = true,
    description = "Seeded consensus simulations per scenario: safety, liveness, view changes.")
public final class ConsensusSimBench extends BenchCommand {
  @Option(names = "--validators", defaultValue = "4", description = "Validators per run.")
  int validators;

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description = "A scenario name or 'all' (every scenario).")
  String scenario;

  @Option(names = "--seeds", defaultValue = "100", description = "Runs per scenario.")
  int seeds;

  @Option(
      names = "--threads",
      description = "Threads running simulations (default: available processors).")
  Integer threads;

  @Override
  protected void run(Report report, Progress progress) {
    List<String> names = Scenarios.select(scenario).stream().map(s -> s.name()).toList();
    int pool = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    progress.log("%d validators, %d seeds from %d, scenarios %s", validators, seeds, seed, names);
    SimOptions options = SimOptions.DEFAULT;
    CampaignResult result =
        SimulationCampaign.run(
            scenario,
            validators,
            seed,
            seeds,
            options,
            pool,
            row ->
                progress.log(
                    "%-22s runs %d, safety violations %d, liveness failures %d",
                    row.scenario(), row.runs(), row.safetyViolations(), row.livenessFailures()));
    report.field("scenario", scenario);
    report.field("validators", validators);
    report.field("faulty", (validators - 1) / 3);
    report.field("seeds_per_scenario", seeds);
    report.field("first_seed", seed);
    report.figure("runs", result.runs(), "", "runs");
    report.figure(
        "safety_violations", result.safetyViolations(), "", "runs with a safety violation");
    report.figure("liveness_failures", result.livenessFailures(), "", "runs that lost liveness");
    report.figure("heights_finalized", result.heightsFinalized(), "", "heights finalized");
    report.figure("round_changes", result.roundChanges(), "", "round changes (view changes)");
    report.figure("leader_crashes", result.leaderCrashes(), "", "leader crashes");
    report.figure(
        "leader_crash_recovery_ms_p50",
        result.leaderCrashRecoveryMsP50(),
        "ms",
        "leader crash to next block, p50 (virtual)");
    report.figure(
        "leader_crash_recovery_ms_p99",
        result.leaderCrashRecoveryMsP99(),
        "ms",
        "leader crash to next block, p99 (virtual)");
    report.figure(
        "messages_per_height", result.messagesPerHeight(), "", "messages per finalized height");
    report.figure(
        "max_round_wait_ms", result.maxRoundWaitMs(), "ms", "longest scheduled round timeout");
    report.figure("partition_heals", result.heals(), "", "partition heals");
    report.figure(
        "heal_recovery_rounds_p99",
        result.healRecoveryRoundsP99(),
        "",
        "rounds from a heal to the next block, p99");
    report.figure(
        "heal_recovery_rounds_max",
        result.healRecoveryRoundsMax(),
        "",
        "rounds from a heal to the next block, worst");
    report.figure("virtual_s", result.virtualMillis() / 1000.0, "s", "virtual time simulated");
    report.field("failed_seeds", failedSeeds(result.failures()));
    report.field("scenarios", perScenario(result));
    judge(report, result, options.params());
  }

  private static void judge(Report report, CampaignResult r, ConsensusParams params) {
    report.goalAtMost("safety", "no two blocks at one height", r.safetyViolations(), 0);
    report.goalAtMost("liveness", "every run stays live", r.livenessFailures(), 0);
    if (r.leaderCrashes() > 0) {
      report.goalAtMost(
          "leader_crash_recovery",
          "leader crash recovered within timeout_propose + 1 s, p99",
          r.leaderCrashRecoveryMsP99(),
          params.timeoutPropose().toMillis() + 1_000);
    }
    report.goalAtMost(
        "max_round_wait",
        "no round waits longer than max_round_timeout",
        r.maxRoundWaitMs(),
        params.maxRoundTimeout().toMillis());
    if (r.heals() > 0) {
      report.goalAtMost(
          "heal_recovery_rounds",
          "a block within 2 rounds after a partition heals",
          r.healRecoveryRoundsMax(),
          2);
    }
  }

  private static List<String> failedSeeds(List<RunResult> failures) {
    return failures.stream().map(f -> f.scenario() + ":" + f.seed()).toList();
  }

  /** The main figures of each scenario of an 'all' campaign. */
  private static Map<String, Object> perScenario(CampaignResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (CampaignResult c : result.byScenario()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("runs", c.runs());
      row.put("safety_violations", c.safetyViolations());
      row.put("liveness_failures", c.livenessFailures());
      row.put("heights_finalized", c.heightsFinalized());
      row.put("round_changes", c.roundChanges());
      row.put("leader_crash_recovery_ms_p50", c.leaderCrashRecoveryMsP50());
      row.put("leader_crash_recovery_ms_p99", c.leaderCrashRecoveryMsP99());
      row.put("messages_per_height", c.messagesPerHeight());
      row.put("max_round_wait_ms", c.maxRoundWaitMs());
      row.put("heal_recovery_rounds_p99", c.healRecoveryRoundsP99());
      row.put("heal_recovery_rounds_max", c.healRecoveryRoundsMax());
      row.put("failed_seeds", failedSeeds(c.failures()));
      out.put(c.scenario(), row);
    }
    return out;
  }
}
