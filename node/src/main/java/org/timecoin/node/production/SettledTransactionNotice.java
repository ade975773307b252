package org.timecoin.node.production;

import java.time.Duration;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;

/**
 * Tells consensus that transactions wait, once they have waited the settle time and may be
 * proposed. One timer at most: it fires a settle time after the first admission it covers, and is
 * armed again for the latest admission made meanwhile, so every admission is followed by a notice
 * no later than its settle time, however many arrive.
 */
public final class SettledTransactionNotice {
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration settle;
  private final Runnable notice;

  private boolean armed;
  private long coveredUpTo;
  private long latestAdmission;

  public SettledTransactionNotice(
      Clock clock, Scheduler scheduler, Duration settle, Runnable notice) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.settle = settle;
    this.notice = notice;
  }

  /** A transaction was admitted now. */
  public void admitted() {
    synchronized (this) {
      latestAdmission = clock.monoNanos();
      if (armed) {
        return;
      }
      armed = true;
      coveredUpTo = latestAdmission;
    }
    scheduler.schedule(settle, this::fire);
  }

  private void fire() {
    long rearmInNanos = -1;
    synchronized (this) {
      if (latestAdmission > coveredUpTo) {
        coveredUpTo = latestAdmission;
        rearmInNanos = Math.max(0, latestAdmission + settle.toNanos() - clock.monoNanos());
      } else {
        armed = false;
      }
    }
    notice.run();
    if (rearmInNanos >= 0) {
      scheduler.schedule(Duration.ofNanos(rearmInNanos), this::fire);
    }
  }
}
