package org.timecoin.p2p;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.time.Scheduler;

/** The {@link Scheduler} port over one Netty event executor. */
final class EventLoopScheduler implements Scheduler {
  private final EventExecutor executor;

  EventLoopScheduler(EventExecutor executor) {
    this.executor = executor;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Future<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }
}
