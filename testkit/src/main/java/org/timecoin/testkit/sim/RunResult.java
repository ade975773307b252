package org.timecoin.testkit.sim;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one simulated run: the invariant violations it found and the figures it measured.
 *
 * @param safetyViolations agreement, validity and honest-equivocation violations, one line each
 * @param livenessFailure why the liveness check failed, or null if it held
 * @param heightsFinalized heights finalized by every honest validator that was up at the end
 * @param roundChanges distinct (height, round) pairs above round 0 entered by honest validators
 * @param leaderCrashRecoveryMs per crashed leader: virtual ms from its crash to the next finalized
 *     block
 * @param messages messages given to the network by all nodes (consensus, status and catch-up)
 * @param maxRoundWaitMs the longest timeout any honest validator scheduled
 * @param healRecoveryRounds per healed partition: rounds from the highest round an honest validator
 *     was in at the heal to the round of the next block decided (0 = decided in that round)
 * @param healRecoveryMs per healed partition: virtual ms from the heal to the next block decided
 * @param replayMismatches restarts of an honest validator whose WAL replay did not restore the
 *     consensus state it crashed with (a lost lock can break agreement later)
 * @param virtualMillis virtual time the run lasted
 * @param events counts of what happened, by {@link RunEvents} name (faults seen to take place)
 */
public record RunResult(
    String scenario,
    int validators,
    long seed,
    List<String> safetyViolations,
    String livenessFailure,
    long heightsFinalized,
    long roundChanges,
    List<Long> leaderCrashRecoveryMs,
    long messages,
    long maxRoundWaitMs,
    List<Integer> healRecoveryRounds,
    List<Long> healRecoveryMs,
    long replayMismatches,
    long virtualMillis,
    Map<String, Long> events) {

  public RunResult {
    events = Collections.unmodifiableMap(new TreeMap<>(events));
    safetyViolations = List.copyOf(safetyViolations);
    leaderCrashRecoveryMs = List.copyOf(leaderCrashRecoveryMs);
    healRecoveryRounds = List.copyOf(healRecoveryRounds);
    healRecoveryMs = List.copyOf(healRecoveryMs);
  }

  public boolean safe() {
    return safetyViolations.isEmpty();
  }

  public boolean live() {
    return livenessFailure == null;
  }

  /** How many times {@code event} happened (0 if never). */
  public long count(String event) {
    return events.getOrDefault(event, 0L);
  }

  public boolean passed() {
    return safe() && live();
  }

  /** The command that replays this run exactly. */
  public String replayCommand() {
    return "bin/simulate --scenario "
        + scenario
        + " --seed "
        + seed
        + " --validators "
        + validators;
  }

  /** One line naming the seed and scenario and what failed, for logs and assertion messages. */
  public String describeFailure() {
    StringBuilder sb = new StringBuilder();
    sb.append("scenario=")
        .append(scenario)
        .append(" validators=")
        .append(validators)
        .append(" seed=")
        .append(seed);
    for (String v : safetyViolations) {
      sb.append("\n  SAFETY: ").append(v);
    }
    if (livenessFailure != null) {
      sb.append("\n  LIVENESS: ").append(livenessFailure);
    }
    sb.append("\n  replay: ").append(replayCommand());
    return sb.toString();
  }
}
