package org.timecoin.common.time;

import java.time.Duration;

/**
 * A clock that only moves when told to. Monotonic time starts at zero; wall time is a fixed epoch
 * plus the monotonic time, so both stay consistent in a simulated run.
 */
public final class VirtualClock implements Clock {
  /** 2026-01-01T00:00:00Z: a fixed epoch keeps simulated wall times reproducible. */
  public static final long DEFAULT_EPOCH_MILLIS = 1_767_225_600_000L;

  private final long epochMillis;
  private long nowNanos;

  public VirtualClock() {
    this(DEFAULT_EPOCH_MILLIS);
  }

  public VirtualClock(long epochMillis) {
    this.epochMillis = epochMillis;
  }

  @Override
  public long wallMillis() {
    return epochMillis + nowNanos / 1_000_000L;
  }

  @Override
  public long monoNanos() {
    return nowNanos;
  }

  /** Virtual milliseconds since the clock was created. */
  public long elapsedMillis() {
    return nowNanos / 1_000_000L;
  }

  public void advance(Duration by) {
    advanceTo(nowNanos + by.toNanos());
  }

  /** Moves time forward to {@code nanos}; time never goes backwards. */
  public void advanceTo(long nanos) {
    if (nanos < nowNanos) {
      throw new IllegalArgumentException(
          "virtual time cannot go backwards: now " + nowNanos + " ns, asked " + nanos + " ns");
    }
    nowNanos = nanos;
  }
}
