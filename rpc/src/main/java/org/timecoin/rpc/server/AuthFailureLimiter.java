package org.timecoin.rpc.server;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per client IP in one-minute windows; an IP over its allowance is refused
 * without its credentials being checked until its window ends. The table is bounded: the IP seen
 * longest ago is forgotten first.
 */
final class AuthFailureLimiter {
  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_TRACKED = 10_000;

  private final int perMinute;
  private final LongSupplier nanos;
  private final Map<InetAddress, long[]> windows =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  AuthFailureLimiter(int perMinute, LongSupplier nanos) {
    this.perMinute = perMinute;
    this.nanos = nanos;
  }

  /** Whether {@code ip} has used up its failed logins for this window. */
  synchronized boolean blocked(InetAddress ip) {
    long[] w = current(ip);
    return w != null && w[1] >= perMinute;
  }

  synchronized void failed(InetAddress ip) {
    long[] w = current(ip);
    if (w == null) {
      windows.put(ip, new long[] {nanos.getAsLong(), 1});
    } else {
      w[1]++;
    }
  }

  /** [window start, failures], or null when there is none or it has ended. */
  private long[] current(InetAddress ip) {
    long[] w = windows.get(ip);
    if (w != null && nanos.getAsLong() - w[0] >= WINDOW_NANOS) {
      windows.remove(ip);
      return null;
    }
    return w;
  }
}
