package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of a campaign: many seeded runs of one scenario (or of every scenario, with a row per
 * scenario in {@link #byScenario}) at one validator count.
 *
 * @param safetyViolations runs with at least one safety violation
 * @param livenessFailures runs whose liveness check failed
 * @param heightsFinalized heights finalized by every honest validator, summed over runs
 * @param roundChanges round changes (view changes), summed over runs
 * @param leaderCrashRecoveryMsP50 median virtual ms from a leader's crash to the next finalized
 *     block; -1 if no leader crashed
 * @param messagesPerHeight messages sent per finalized height, over all runs
 * @param maxRoundWaitMs the longest timeout any honest validator scheduled in any run
 * @param healRecoveryRoundsP99 rounds from a partition heal to the round of the next block, 99th
 *     percentile over heals (-1 if no partition healed); {@code Max} is the worst heal
 * @param healRecoveryMsP99 virtual ms from a partition heal to the next block, 99th percentile
 * @param replayMismatches restarts whose WAL replay did not restore the state the node crashed
 *     with, summed over runs
 * @param failures the first failing runs, each naming its seed
 */
public record CampaignResult(
    String scenario,
    int validators,
    long runs,
    long safetyViolations,
    long livenessFailures,
    long heightsFinalized,
    long roundChanges,
    long leaderCrashRecoveryMsP50,
    long leaderCrashRecoveryMsP99,
    long leaderCrashes,
    double messagesPerHeight,
    long maxRoundWaitMs,
    long heals,
    long healRecoveryRoundsP99,
    long healRecoveryRoundsMax,
    long healRecoveryMsP50,
    long healRecoveryMsP99,
    long replayMismatches,
    long virtualMillis,
    List<RunResult> failures,
    List<CampaignResult> byScenario) {

  /** How many failing runs a result keeps for its report. */
  public static final int KEPT_FAILURES = 20;

  public CampaignResult {
    failures = List.copyOf(failures);
    byScenario = List.copyOf(byScenario);
  }

  public boolean passed() {
    return safetyViolations == 0 && livenessFailures == 0;
  }

  /** Aggregates {@code results} (in the given order) into one campaign result. */
  public static CampaignResult of(
      String scenario, int validators, List<RunResult> results, List<CampaignResult> byScenario) {
    long safety = 0;
    long liveness = 0;
    long heights = 0;
    long rounds = 0;
    long messages = 0;
    long maxWait = 0;
    List<Long> healRounds = new ArrayList<>();
    List<Long> healMs = new ArrayList<>();
    long virtual = 0;
    long replay = 0;
    List<Long> recoveries = new ArrayList<>();
    List<RunResult> failures = new ArrayList<>();
    for (RunResult r : results) {
      safety += r.safe() ? 0 : 1;
      liveness += r.live() ? 0 : 1;
      heights += r.heightsFinalized();
      rounds += r.roundChanges();
      messages += r.messages();
      maxWait = Math.max(maxWait, r.maxRoundWaitMs());
      virtual += r.virtualMillis();
      replay += r.replayMismatches();
      recoveries.addAll(r.leaderCrashRecoveryMs());
      for (int h : r.healRecoveryRounds()) {
        healRounds.add((long) h);
      }
      healMs.addAll(r.healRecoveryMs());
      if (!r.passed() && failures.size() < KEPT_FAILURES) {
        failures.add(r);
      }
    }
    long[] rec = recoveries.stream().mapToLong(Long::longValue).toArray();
    long[] hr = healRounds.stream().mapToLong(Long::longValue).toArray();
    long[] hm = healMs.stream().mapToLong(Long::longValue).toArray();
    return new CampaignResult(
        scenario,
        validators,
        results.size(),
        safety,
        liveness,
        heights,
        rounds,
        Percentiles.of(rec, 50),
        Percentiles.of(rec, 99),
        rec.length,
        heights == 0 ? Double.NaN : (double) messages / heights,
        maxWait,
        hr.length,
        Percentiles.of(hr, 99),
        Percentiles.of(hr, 100),
        Percentiles.of(hm, 50),
        Percentiles.of(hm, 99),
        replay,
        virtual,
        failures,
        byScenario);
  }

  /** One line of JSON with the figures (and one nested object per scenario, if any). */
  public String toJson() {
    JsonWriter w = new JsonWriter();
    w.field("scenario", scenario)
        .field("validators", validators)
        .field("faulty", (validators - 1) / 3)
        .field("runs", runs)
        .field("safety_violations", safetyViolations)
        .field("liveness_failures", livenessFailures)
        .field("heights_finalized", heightsFinalized)
        .field("round_changes", roundChanges)
        .field("leader_crashes", leaderCrashes)
        .field("leader_crash_recovery_ms_p50", leaderCrashRecoveryMsP50)
        .field("leader_crash_recovery_ms_p99", leaderCrashRecoveryMsP99)
        .field("messages_per_height", messagesPerHeight)
        .field("max_round_wait_ms", maxRoundWaitMs)
        .field("partition_heals", heals)
        .field("heal_recovery_rounds_p99", healRecoveryRoundsP99)
        .field("heal_recovery_rounds_max", healRecoveryRoundsMax)
        .field("heal_recovery_ms_p50", healRecoveryMsP50)
        .field("heal_recovery_ms_p99", healRecoveryMsP99)
        .field("replay_mismatches", replayMismatches)
        .field("virtual_ms", virtualMillis);
    w.raw(
        "failed_seeds",
        failures.stream()
            .map(f -> JsonWriter.quote(f.scenario() + ":" + f.seed()))
            .collect(Collectors.joining(",", "[", "]")));
    if (!byScenario.isEmpty()) {
      w.raw(
          "scenarios",
          byScenario.stream()
              .map(c -> JsonWriter.quote(c.scenario()) + ":" + c.toJson())
              .collect(Collectors.joining(",", "{", "}")));
    }
    return w.finish();
  }

  /** A human-readable table: one row per scenario, then the total. */
  public String toTable() {
    String header =
        String.format(
            Locale.ROOT,
            "%-22s %4s %7s %6s %6s %8s %7s %9s %9s %8s %7s %9s %9s%n",
            "scenario",
            "n",
            "runs",
            "safety",
            "live",
            "heights",
            "rounds",
            "crash_p50",
            "crash_p99",
            "msgs/h",
            "maxwait",
            "heal_r_99",
            "heal_r_max");
    StringBuilder sb = new StringBuilder(header);
    for (CampaignResult c : byScenario) {
      sb.append(c.row());
    }
    sb.append(row());
    return sb.toString();
  }

  private String row() {
    return String.format(
        Locale.ROOT,
        "%-22s %4d %7d %6d %6d %8d %7d %9s %9s %8.1f %7d %9s %9s%n",
        scenario,
        validators,
        runs,
        safetyViolations,
        livenessFailures,
        heightsFinalized,
        roundChanges,
        leaderCrashRecoveryMsP50 < 0 ? "-" : Long.toString(leaderCrashRecoveryMsP50),
        leaderCrashRecoveryMsP99 < 0 ? "-" : Long.toString(leaderCrashRecoveryMsP99),
        messagesPerHeight,
        maxRoundWaitMs,
        healRecoveryRoundsP99 < 0 ? "-" : Long.toString(healRecoveryRoundsP99),
        healRecoveryRoundsMax < 0 ? "-" : Long.toString(healRecoveryRoundsMax));
  }
}
