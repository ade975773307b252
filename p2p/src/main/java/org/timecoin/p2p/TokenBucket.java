package org.timecoin.p2p;

/** A token bucket on injected monotonic time. Owned by one event loop, so not thread-safe. */
final class TokenBucket {
  private final RateLimit limit;
  private double tokens;
  private long lastNanos;

  TokenBucket(RateLimit limit, long nowNanos) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryAcquire(long nowNanos) {
    if (limit.unlimited()) {
      return true;
    }
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / 1e9);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
