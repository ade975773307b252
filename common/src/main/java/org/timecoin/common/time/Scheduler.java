package org.timecoin.common.time;

import java.time.Duration;

/** Runs a task after a delay; injected so tests can fire timers on virtual time. */
public interface Scheduler {
  /** A scheduled task that may still be cancelled. */
  interface Cancellable {
    void cancel();
  }

  Cancellable schedule(Duration delay, Runnable task);
}
