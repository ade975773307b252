package org.timecoin.p2p;

/** A token bucket's shape: {@code perSecond} tokens refill per second, up to {@code burst}. */
public record RateLimit(double perSecond, int burst) {
  /** For message types that need no limit. */
  public static final RateLimit UNLIMITED =
      new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

  public RateLimit {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
    }
  }

  public boolean unlimited() {
    return Double.isInfinite(perSecond);
  }
}
