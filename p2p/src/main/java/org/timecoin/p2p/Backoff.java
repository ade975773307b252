package org.timecoin.p2p;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: after n consecutive failures the next attempt waits a
 * random time in [d/2, d], where d = min(max, base * 2^(n-1)). The cap keeps a long-gone peer
 * retried every few minutes; the jitter keeps nodes restarted together from dialling in lockstep.
 */
final class Backoff {
  private final long baseNanos;
  private final long maxNanos;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The delay before the next attempt after {@code failures} consecutive failures (>= 1). */
  long delayNanos(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 40);
    long ceiling = baseNanos;
    for (int i = 0; i < doublings && ceiling < maxNanos; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxNanos);
    long half = ceiling / 2;
    return half + random.nextLong(ceiling - half + 1);
  }
}
