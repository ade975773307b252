package org.timecoin.node.consensus;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.time.Scheduler;

/** The production {@link Scheduler}: one daemon timer thread; tasks must only post elsewhere. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  public ExecutorScheduler(String name) {
    this.timer =
        new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name).daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /** The underlying executor, for periodic node chores. */
  public ScheduledExecutorService executor() {
    return timer;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
