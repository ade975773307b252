package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The figures one run collects while it runs. */
final class RunMetrics {
  private record RoundAt(long height, int round) {}

  private final Set<RoundAt> roundsEntered = new HashSet<>();
  private long maxTimeoutNanos;
  private long evidence;
  private long rejected;
  private long resent;
  private final List<Long> pendingLeaderCrashNanos = new ArrayList<>();
  private final List<Long> leaderRecoveryMillis = new ArrayList<>();
  private final Map<SimNode, RoundAt> atHeal = new LinkedHashMap<>();
  private final List<Integer> healRounds = new ArrayList<>();
  private int healMaxOfCurrent = -1;

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

  long resentMessages() {
    return resent;
  }

  void messageRejected() {
    rejected++;
  }

  void leaderCrashed(long atNanos) {
    pendingLeaderCrashNanos.add(atNanos);
  }

  /** Starts measuring, for each honest node still deciding a height, rounds until it decides. */
  void healed(List<SimNode> honestUndecided) {
    closeHeal();
    for (SimNode n : honestUndecided) {
      atHeal.put(n, new RoundAt(n.height(), n.round()));
    }
    healMaxOfCurrent = 0;
  }

  /** An honest node finalized {@code height} while in {@code round}, at {@code nowNanos}. */
  void honestFinalized(SimNode node, long height, int round, long nowNanos) {
    for (long crash : pendingLeaderCrashNanos) {
      leaderRecoveryMillis.add((nowNanos - crash) / 1_000_000L);
    }
    pendingLeaderCrashNanos.clear();
    RoundAt heal = atHeal.remove(node);
    if (heal != null && heal.height() == height) {
      healMaxOfCurrent = Math.max(healMaxOfCurrent, Math.max(0, round - heal.round()));
    }
    if (healMaxOfCurrent >= 0 && atHeal.isEmpty()) {
      closeHeal();
    }
  }

  private void closeHeal() {
    if (healMaxOfCurrent >= 0) {
      healRounds.add(healMaxOfCurrent);
    }
    healMaxOfCurrent = -1;
    atHeal.clear();
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

  List<Long> leaderRecoveryMillis() {
    return leaderRecoveryMillis;
  }

  /** Rounds per heal; a heal whose nodes have not all decided yet is counted as it stands. */
  List<Integer> healRounds() {
    List<Integer> all = new ArrayList<>(healRounds);
    if (healMaxOfCurrent >= 0 && !atHeal.isEmpty()) {
      all.add(healMaxOfCurrent);
    }
    return all;
  }
}
