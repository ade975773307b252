package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The figures one run collects while it runs. */
final class RunMetrics {
  private record RoundAt(long height, int round) {}

  private final Set<RoundAt> roundsEntered = new HashSet<>();
  private long maxTimeoutNanos;
  private long evidence;
  private long rejected;
  private long resent;
  private long replayMismatches;
  private final List<Long> pendingLeaderCrashNanos = new ArrayList<>();
  private final List<Long> leaderRecoveryMillis = new ArrayList<>();
  private long healNanos = -1;
  private int roundAtHeal;
  private final List<Integer> healRounds = new ArrayList<>();
  private final List<Long> healMillis = new ArrayList<>();

  void roundEntered(long height, int round) {
    roundsEntered.add(new RoundAt(height, round));
  }

  void timeoutScheduled(Duration d) {
    maxTimeoutNanos = Math.max(maxTimeoutNanos, d.toNanos());
  }

  void evidenceFound() {
    evidence++;
  }

  void resent() {
    resent++;
  }

  void replayMismatch() {
    replayMismatches++;
  }

  long replayMismatches() {
    return replayMismatches;
  }

  void messageRejected() {
    rejected++;
  }

  void leaderCrashed(long atNanos) {
    pendingLeaderCrashNanos.add(atNanos);
  }

  /**
   * The network healed at {@code nowNanos} while the honest nodes were at most in {@code round}.
   */
  void healed(int round, long nowNanos) {
    healNanos = nowNanos;
    roundAtHeal = round;
  }

  /**
   * An honest node decided a block through consensus (not by adopting a peer's certificate) in
   * {@code round} at {@code nowNanos}: this ends every pending recovery measurement.
   */
  void honestDecided(int round, long nowNanos) {
    for (long crash : pendingLeaderCrashNanos) {
      leaderRecoveryMillis.add((nowNanos - crash) / 1_000_000L);
    }
    pendingLeaderCrashNanos.clear();
    if (healNanos >= 0) {
      healRounds.add(Math.max(0, round - roundAtHeal));
      healMillis.add((nowNanos - healNanos) / 1_000_000L);
      healNanos = -1;
    }
  }

  long roundChanges() {
    return roundsEntered.size();
  }

  long maxTimeoutMillis() {
    return maxTimeoutNanos / 1_000_000L;
  }

  long evidence() {
    return evidence;
  }

  long rejected() {
    return rejected;
  }

  long resentMessages() {
    return resent;
  }

  List<Long> leaderRecoveryMillis() {
    return leaderRecoveryMillis;
  }

  /** Per heal: rounds from the highest honest round at the heal to the round of the next block. */
  List<Integer> healRounds() {
    return healRounds;
  }

  /** Per heal: virtual ms from the heal to the next block. */
  List<Long> healMillis() {
    return healMillis;
  }
}
