package org.timecoin.p2p;

/** A token bucket on injected monotonic time. Not thread-safe: one owner, or the caller's lock. */
public final class TokenBucket {
  private final RateLimit limit;
  private double tokens;
  private long lastNanos;

  public TokenBucket(RateLimit limit, long nowNanos) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  public boolean tryAcquire(long nowNanos) {
    return tryAcquire(nowNanos, 1);
  }

  /** Takes {@code n} tokens if there are that many; none otherwise. */
  public boolean tryAcquire(long nowNanos, int n) {
    if (limit.unlimited()) {
      return true;
    }
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / 1e9);
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }
}
