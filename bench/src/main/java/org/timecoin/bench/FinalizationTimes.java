package org.timecoin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;

/**
 * When each node stored each height (monotonic nanos), fed by the nodes' block listeners; callers
 * wait on it for a condition over node heights instead of polling.
 */
final class FinalizationTimes {
  private final Clock clock;
  private final Map<Integer, Map<Long, Long>> byNode = new HashMap<>();
  private final Map<Long, long[]> firstLastCount = new HashMap<>();
  private final Map<Long, Block> blocks = new HashMap<>();
  private final Map<Integer, Long> tops = new HashMap<>();

  FinalizationTimes(Clock clock) {
    this.clock = clock;
  }

  synchronized void stored(int node, Block block) {
    long now = clock.monoNanos();
    byNode.computeIfAbsent(node, n -> new HashMap<>()).putIfAbsent(block.height(), now);
    long[] s = firstLastCount.computeIfAbsent(block.height(), h -> new long[] {now, now, 0});
    s[1] = Math.max(s[1], now);
    s[2]++;
    blocks.putIfAbsent(block.height(), block);
    notifyAll();
  }

  /**
   * {@code node} was seen at {@code height} (e.g. by polling it): every height up to it that the
   * node was not yet seen at is timed now.
   */
  synchronized void reached(int node, long height) {
    long now = clock.monoNanos();
    Map<Long, Long> mine = byNode.computeIfAbsent(node, n -> new HashMap<>());
    long from = tops.getOrDefault(node, height - 1) + 1;
    for (long h = from; h <= height; h++) {
      if (mine.putIfAbsent(h, now) == null) {
        long[] s = firstLastCount.computeIfAbsent(h, k -> new long[] {now, now, 0});
        s[1] = Math.max(s[1], now);
        s[2]++;
      }
    }
    tops.merge(node, height, Math::max);
    notifyAll();
  }

  /** When {@code node} stored {@code height}, or -1. */
  synchronized long at(int node, long height) {
    return byNode.getOrDefault(node, Map.of()).getOrDefault(height, -1L);
  }

  synchronized Block block(long height) {
    return blocks.get(height);
  }

  /**
   * Nanos from the first to the last node storing each height in {@code [from, to]} that all {@code
   * nodes} stored.
   */
  synchronized List<Long> spreads(long from, long to, int nodes) {
    List<Long> out = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      long[] s = firstLastCount.get(h);
      if (s != null && s[2] >= nodes) {
        out.add(s[1] - s[0]);
      }
    }
    return out;
  }

  /** Waits until {@code condition} holds (re-checked on each stored block); false on timeout. */
  synchronized boolean await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = clock.monoNanos() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - clock.monoNanos();
      if (left <= 0) {
        return false;
      }
      // Heights also change without a stored block reaching us (a node restarts): re-check often.
      wait(Math.max(1, Math.min(left / 1_000_000, 200)));
    }
    return true;
  }
}
