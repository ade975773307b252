package org.timecoin.consensus.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;

/**
 * Decides when the height after a stored block starts (DESIGN.md §4): not before {@code
 * blockInterval} after the decided height started (so blocks keep a steady cadence however long the
 * vote took) nor before the decision, then as soon as transactions are waiting, and at the latest
 * {@code emptyBlockInterval} after the decision. A proposal or vote of that height from a peer
 * starts it at once: another validator has started it, and lagging behind it only costs rounds.
 * Owner thread only, but for {@link #wantsTransactions()}; timer callbacks come back through {@code
 * onOwner}.
 */
final class HeightPacer {
  private final ConsensusConfig config;
  private final Clock clock;
  private final Scheduler scheduler;
  private final BooleanSupplier transactionsWaiting;
  private final OwnerPost onOwner;
  private final LongConsumer startHeight;

  private long waitingFor = -1;
  private volatile boolean idle;
  private long earliestNanos;
  private long latestNanos;
  private Scheduler.Cancellable earliestTimer;
  private Scheduler.Cancellable latestTimer;

  /** Posts a task to the owner thread. */
  interface OwnerPost {
    void post(String what, Runnable task);
  }

  HeightPacer(
      ConsensusConfig config,
      Clock clock,
      Scheduler scheduler,
      BooleanSupplier transactionsWaiting,
      OwnerPost onOwner,
      LongConsumer startHeight) {
    this.config = config;
    this.clock = clock;
    this.scheduler = scheduler;
    this.transactionsWaiting = transactionsWaiting;
    this.onOwner = onOwner;
    this.startHeight = startHeight;
  }

  /**
   * The block before {@code height} is stored; its height started at {@code startedAtNanos} and was
   * decided at {@code decidedAtNanos}.
   */
  void awaitHeight(long height, long startedAtNanos, long decidedAtNanos) {
    cancel();
    waitingFor = height;
    earliestNanos = Math.max(decidedAtNanos, startedAtNanos + config.blockInterval().toNanos());
    latestNanos = decidedAtNanos + config.emptyBlockInterval().toNanos();
    long now = clock.monoNanos();
    earliestTimer = timerAt(earliestNanos, now);
    latestTimer = timerAt(latestNanos, now);
    check();
  }

  /** Transactions arrived, or a timer fired: start the height if it is time. */
  void check() {
    if (waitingFor < 0) {
      return;
    }
    long now = clock.monoNanos();
    if (now >= latestNanos) {
      start();
    } else if (now >= earliestNanos) {
      // Raised before the mempool is asked: an admission that saw it lowered came before the
      // question, so the question sees that transaction.
      idle = true;
      if (transactionsWaiting.getAsBoolean()) {
        start();
      }
    }
  }

  /**
   * True while only arriving transactions would start the next height (block_interval passed, the
   * mempool was empty): the one time an admission needs to tell. Read from any thread.
   */
  boolean wantsTransactions() {
    return idle;
  }

  /** A peer's message of {@code height} arrived (or is buffered by the core). */
  void peerStarted(long height) {
    if (height == waitingFor) {
      start();
    }
  }

  boolean waiting() {
    return waitingFor >= 0;
  }

  void cancel() {
    waitingFor = -1;
    idle = false;
    if (earliestTimer != null) {
      earliestTimer.cancel();
      latestTimer.cancel();
      earliestTimer = null;
      latestTimer = null;
    }
  }

  private void start() {
    long height = waitingFor;
    cancel();
    startHeight.accept(height);
  }

  private Scheduler.Cancellable timerAt(long dueNanos, long now) {
    Duration delay = Duration.ofNanos(Math.max(0, dueNanos - now));
    return scheduler.schedule(delay, () -> onOwner.post("pace next height", this::check));
  }
}
