package org.timecoin.node.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Bytes of answers each peer may cost us per second. A request is served while the peer's balance
 * is positive and then charged what the answer really cost, so the balance goes at most one answer
 * into debt. Balances are kept per node key for {@code memoryNanos} after their last use, so a peer
 * that reconnects finds its balance where it left it. Requests over budget are dropped and counted;
 * every {@link #GROSS_DROPS}th drop in a row also asks for a penalty. Thread-safe.
 */
final class ServingBudget {
  static final int GROSS_DROPS = 20;
  private static final int MAX_TRACKED = 4096;

  enum Admission {
    SERVE,
    DROP,
    DROP_AND_PENALIZE
  }

  private static final class Account {
    double balance;
    long lastNanos;
    int dropsInARow;
  }

  private final double bytesPerSecond;
  private final long burst;
  private final long memoryNanos;
  private final Clock clock;
  private final LongAdder dropped = new LongAdder();
  private final Map<PublicKey, Account> accounts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Account> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  ServingBudget(long bytesPerSecond, long burst, long memoryNanos, Clock clock) {
    this.bytesPerSecond = bytesPerSecond;
    this.burst = burst;
    this.memoryNanos = memoryNanos;
    this.clock = clock;
  }

  synchronized Admission admit(PublicKey peer) {
    Account a = refreshed(peer);
    if (a.balance > 0) {
      a.dropsInARow = 0;
      return Admission.SERVE;
    }
    dropped.increment();
    a.dropsInARow++;
    return a.dropsInARow % GROSS_DROPS == 0 ? Admission.DROP_AND_PENALIZE : Admission.DROP;
  }

  /** Charges what an admitted answer cost. */
  synchronized void charge(PublicKey peer, long bytes) {
    refreshed(peer).balance -= bytes;
  }

  /** Requests dropped over budget since start. */
  long dropped() {
    return dropped.sum();
  }

  private Account refreshed(PublicKey peer) {
    long now = clock.monoNanos();
    Account a = accounts.get(peer);
    if (a == null || now - a.lastNanos > memoryNanos) {
      a = new Account();
      a.balance = burst;
      a.lastNanos = now;
      accounts.put(peer, a);
      return a;
    }
    long elapsed = Math.max(0, now - a.lastNanos);
    a.balance = Math.min(burst, a.balance + elapsed * bytesPerSecond / 1e9);
    a.lastNanos = now;
    return a;
  }
}
