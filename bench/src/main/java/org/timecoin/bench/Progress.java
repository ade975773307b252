package org.timecoin.bench;

import java.io.PrintWriter;
import java.util.Locale;
import org.timecoin.common.time.Clock;

/** Progress lines on stderr, stamped with the seconds since the benchmark started. */
public final class Progress {
  private final PrintWriter err;
  private final Clock clock;
  private final long startNanos;

  public Progress(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.startNanos = clock.monoNanos();
  }

  public void log(String format, Object... args) {
    double seconds = (clock.monoNanos() - startNanos) / 1e9;
    err.printf(Locale.ROOT, "[%7.1f s] %s%n", seconds, String.format(Locale.ROOT, format, args));
    err.flush();
  }

  public long elapsedNanos() {
    return clock.monoNanos() - startNanos;
  }
}
