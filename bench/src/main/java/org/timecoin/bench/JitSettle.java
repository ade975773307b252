package org.timecoin.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a loaded devnet's warm-up. A fresh JVM compiles for minutes under load: on two cores,
 * each of four nodes' JIT compilers was busy about all of the first 100 s and still a fifth of the
 * time at 150 s, taking more CPU than the nodes' signature checks. A window opened before that
 * measures the compilers as much as the node. Settled: over the last {@link #SPAN}, the nodes'
 * compilers were busy less than {@link #SETTLED_SHARE} of the time, on average per node.
 */
final class JitSettle {
  static final Duration SPAN = Duration.ofSeconds(10);
  static final double SETTLED_SHARE = 0.25;
  private static final Duration POLL = Duration.ofSeconds(2);

  /** How long the warm-up took, whether the compilers settled in it, and their last share. */
  record Outcome(double waitedS, boolean settled, double lastShare) {}

  /** The nodes' summed compiler time at a moment. */
  record Reading(long nanos, double compileSeconds) {}

  private JitSettle() {}

  /** Waits until the compilers of {@code nodes} running nodes settle, or {@code cap} passes. */
  static Outcome await(ProcessDevnet devnet, int nodes, Duration cap) throws InterruptedException {
    long start = System.nanoTime();
    List<Reading> readings = new ArrayList<>();
    double share = Double.NaN;
    while (true) {
      long now = System.nanoTime();
      try {
        readings.add(new Reading(now, devnet.counters().compileSeconds()));
      } catch (IOException e) {
        // a node that does not answer now is asked again at the next poll
      }
      share = shareOverSpan(readings, nodes);
      double waitedS = (now - start) / 1e9;
      if (share < SETTLED_SHARE) {
        return new Outcome(waitedS, true, share);
      }
      Duration left = cap.minusNanos(now - start);
      if (left.isNegative() || left.isZero()) {
        return new Outcome(waitedS, false, share);
      }
      devnet.times().await(() -> false, left.compareTo(POLL) < 0 ? left : POLL);
    }
  }

  /**
   * Compiler time per node per second between the last reading and the latest one at least {@link
   * #SPAN} before it; NaN until there is such a pair.
   */
  static double shareOverSpan(List<Reading> readings, int nodes) {
    if (readings.isEmpty()) {
      return Double.NaN;
    }
    Reading last = readings.get(readings.size() - 1);
    for (int i = readings.size() - 2; i >= 0; i--) {
      Reading r = readings.get(i);
      long span = last.nanos() - r.nanos();
      if (span >= SPAN.toNanos()) {
        return (last.compileSeconds() - r.compileSeconds()) / (span / 1e9) / nodes;
      }
    }
    return Double.NaN;
  }
}
