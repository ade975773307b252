package org.timecoin.testkit.net;

import java.util.random.RandomGenerator;

/** A distribution of one-way message delays, sampled in virtual nanoseconds. */
@FunctionalInterface
public interface DelayModel {
  long sampleNanos(RandomGenerator random);

  /** The largest delay this model can produce, or {@link Long#MAX_VALUE} if unbounded. */
  default long maxNanos() {
    return Long.MAX_VALUE;
  }

  static DelayModel fixedMillis(long millis) {
    long nanos = millis * 1_000_000L;
    return new DelayModel() {
      @Override
      public long sampleNanos(RandomGenerator random) {
        return nanos;
      }

      @Override
      public long maxNanos() {
        return nanos;
      }
    };
  }

  /** Uniform between {@code minMillis} and {@code maxMillis}, inclusive, at microsecond grain. */
  static DelayModel uniformMillis(long minMillis, long maxMillis) {
    if (minMillis < 0 || maxMillis < minMillis) {
      throw new IllegalArgumentException("bad delay range " + minMillis + ".." + maxMillis);
    }
    long minMicros = minMillis * 1000;
    long spanMicros = (maxMillis - minMillis) * 1000 + 1;
    return new DelayModel() {
      @Override
      public long sampleNanos(RandomGenerator random) {
        return (minMicros + random.nextLong(spanMicros)) * 1000L;
      }

      @Override
      public long maxNanos() {
        return maxMillis * 1_000_000L;
      }
    };
  }

  /**
   * A base delay plus an exponential tail of the given mean, cut at {@code capMillis}: most
   * messages are fast, a few are slow, none is slower than the cap.
   */
  static DelayModel exponentialMillis(long baseMillis, double meanTailMillis, long capMillis) {
    if (baseMillis < 0 || meanTailMillis <= 0 || capMillis < baseMillis) {
      throw new IllegalArgumentException("bad exponential delay parameters");
    }
    return new DelayModel() {
      @Override
      public long sampleNanos(RandomGenerator random) {
        double tail = -Math.log(1.0 - random.nextDouble()) * meanTailMillis;
        double millis = Math.min(baseMillis + tail, capMillis);
        return (long) (millis * 1_000_000L);
      }

      @Override
      public long maxNanos() {
        return capMillis * 1_000_000L;
      }
    };
  }
}
