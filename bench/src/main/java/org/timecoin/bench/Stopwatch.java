package org.timecoin.bench;

import org.timecoin.common.time.Clock;

/** Measures one interval on the monotonic clock. */
public final class Stopwatch {
  private final Clock clock;
  private final long startNanos;

  private Stopwatch(Clock clock) {
    this.clock = clock;
    this.startNanos = clock.monoNanos();
  }

  public static Stopwatch start(Clock clock) {
    return new Stopwatch(clock);
  }

  public long elapsedNanos() {
    return clock.monoNanos() - startNanos;
  }

  public double elapsedMs() {
    return elapsedNanos() / 1e6;
  }
}
