package org.timecoin.p2p;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: messages of one peer reach
 * the handlers in the order they arrived even when the caller's executor is a pool.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    submitNext();
  }

  private void submitNext() {
    try {
      delegate.execute(this::runBatch);
    } catch (RejectedExecutionException e) {
      log.debug("delivery executor refused work (shutting down?): {}", e.toString());
      synchronized (tasks) {
        tasks.clear();
        running = false;
      }
    }
  }

  private void runBatch() {
    Runnable next;
    synchronized (tasks) {
      next = tasks.poll();
      if (next == null) {
        running = false;
        return;
      }
    }
    try {
      next.run();
    } finally {
      boolean more;
      synchronized (tasks) {
        more = !tasks.isEmpty();
        running = more;
      }
      // One task per submission keeps a busy peer from monopolising a pooled thread.
      if (more) {
        submitNext();
      }
    }
  }
}
