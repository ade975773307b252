package org.timecoin.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.timecoin.common.time.Scheduler;

/**
 * A benchmark driver's wait, on an injected {@link Scheduler} like the node's own timers rather
 * than a sleeping thread.
 */
final class Pause {
  private final Scheduler scheduler;

  Pause(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Returns once {@code d} has passed on the scheduler's time. */
  void of(Duration d) throws InterruptedException {
    CompletableFuture<Void> passed = new CompletableFuture<>();
    scheduler.schedule(d, () -> passed.complete(null));
    try {
      passed.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a pause failed", e.getCause());
    }
  }
}
