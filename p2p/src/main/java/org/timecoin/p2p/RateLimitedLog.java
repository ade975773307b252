package org.timecoin.p2p;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.timecoin.common.time.Clock;

/**
 * A logger for what remote peers cause: each message (keyed by its format string, a constant of the
 * calling code) is written at most {@code perWindow} times per window; the rest are counted, and
 * the next one written after the window says how many were suppressed. So a peer that repeats a
 * fault, or a crowd of peers that do, cannot make the node log without bound.
 */
public final class RateLimitedLog {
  public static final int DEFAULT_PER_WINDOW = 20;
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  /** Formats are constants of the code; past this many, the rest share one window. */
  static final int MAX_KEYS = 256;

  private static final String SHARED_KEY = "";

  private final Logger log;
  private final Clock clock;
  private final int perWindow;
  private final long windowNanos;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private RateLimitedLog(Logger log, Clock clock, int perWindow, Duration window) {
    this.log = log;
    this.clock = clock;
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
  }

  /** {@value #DEFAULT_PER_WINDOW} of each message per 10 s, on the system clock. */
  public static RateLimitedLog of(Logger log) {
    return of(log, Clock.SYSTEM, DEFAULT_PER_WINDOW, DEFAULT_WINDOW);
  }

  public static RateLimitedLog of(Logger log, Clock clock, int perWindow, Duration window) {
    if (perWindow < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("perWindow must be >= 1 and window positive");
    }
    return new RateLimitedLog(log, clock, perWindow, window);
  }

  public void info(String format, Object... args) {
    if (log.isInfoEnabled()) {
      long suppressed = admit(format);
      if (suppressed >= 0) {
        log.info(withCount(format, suppressed), withCount(args, suppressed));
      }
    }
  }

  public void warn(String format, Object... args) {
    if (log.isWarnEnabled()) {
      long suppressed = admit(format);
      if (suppressed >= 0) {
        log.warn(withCount(format, suppressed), withCount(args, suppressed));
      }
    }
  }

  /** -1 when this message is suppressed; else how many were suppressed before it. */
  private long admit(String format) {
    Window w = windows.get(format);
    if (w == null) {
      String key = windows.size() < MAX_KEYS ? format : SHARED_KEY;
      w = windows.computeIfAbsent(key, k -> new Window(clock.monoNanos()));
    }
    return w.admit(clock.monoNanos(), perWindow, windowNanos);
  }

  private static String withCount(String format, long suppressed) {
    return suppressed == 0 ? format : format + " ({} similar messages suppressed)";
  }

  /** The count goes before a trailing throwable, which slf4j prints as the stack trace. */
  private static Object[] withCount(Object[] args, long suppressed) {
    if (suppressed == 0) {
      return args;
    }
    Object[] out = Arrays.copyOf(args, args.length + 1);
    if (args.length > 0 && args[args.length - 1] instanceof Throwable t) {
      out[args.length - 1] = suppressed;
      out[args.length] = t;
    } else {
      out[args.length] = suppressed;
    }
    return out;
  }

  private static final class Window {
    private long startNanos;
    private int written;
    private long suppressed;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }

    synchronized long admit(long now, int perWindow, long windowNanos) {
      if (now - startNanos >= windowNanos) {
        startNanos = now;
        written = 0;
      }
      if (written >= perWindow) {
        suppressed++;
        return -1;
      }
      written++;
      long s = suppressed;
      suppressed = 0;
      return s;
    }
  }
}
