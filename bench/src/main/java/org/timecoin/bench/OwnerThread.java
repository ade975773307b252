package org.timecoin.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * The one thread that owns a run's state. A task of it that throws is handed to {@code onFailure},
 * on this thread; a plain scheduled executor would keep the error in the task's future, where no
 * one looks, and a periodic task would just stop.
 */
final class OwnerThread extends ScheduledThreadPoolExecutor {
  private final Consumer<Throwable> onFailure;

  OwnerThread(Consumer<Throwable> onFailure) {
    super(1);
    this.onFailure = onFailure;
  }

  @Override
  protected void afterExecute(Runnable task, Throwable thrown) {
    if (task instanceof Future<?> f && f.isDone() && !f.isCancelled()) {
      try {
        f.get();
      } catch (ExecutionException e) {
        onFailure.accept(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
