package org.timecoin.consensus.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.Effect;
import org.timecoin.consensus.Input;

/**
 * Turns {@link Effect.ScheduleTimeout} into a timer on the injected {@link Scheduler} that posts
 * {@link Input.TimeoutElapsed} to the owner queue when it fires. Timers of rounds the node has left
 * are cancelled to keep the scheduler small; a stale timeout that fires anyway is ignored by the
 * core. Used from the owner thread only.
 */
final class TimeoutMonitor implements AutoCloseable {
  private record Pending(long height, int round, Scheduler.Cancellable timer) {}

  private final Scheduler scheduler;
  private final Duration maxRoundTimeout;
  private final Consumer<Input> post;
  private final RuntimeMetrics metrics;
  private final List<Pending> pending = new ArrayList<>();

  TimeoutMonitor(
      Scheduler scheduler, Duration maxRoundTimeout, Consumer<Input> post, RuntimeMetrics metrics) {
    this.scheduler = scheduler;
    this.maxRoundTimeout = maxRoundTimeout;
    this.post = post;
    this.metrics = metrics;
  }

  /** Sets the timer; returns its delay (capped at max_round_timeout). */
  Duration schedule(Effect.ScheduleTimeout t) {
    // The core already caps timeouts; the cap is repeated here because a round that waits longer
    // than max_round_timeout is the failure this runtime must never show.
    Duration delay = t.duration().compareTo(maxRoundTimeout) > 0 ? maxRoundTimeout : t.duration();
    metrics.timeoutScheduled(t.kind(), delay);
    Input.TimeoutElapsed elapsed = new Input.TimeoutElapsed(t.kind(), t.height(), t.round());
    Scheduler.Cancellable timer = scheduler.schedule(delay, () -> post.accept(elapsed));
    pending.add(new Pending(t.height(), t.round(), timer));
    return delay;
  }

  /** Cancels the timers of every (height, round) before the given one. */
  void cancelBefore(long height, int round) {
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.height < height || (p.height == height && p.round < round)) {
        p.timer.cancel();
        it.remove();
      }
    }
  }

  int pendingCount() {
    return pending.size();
  }

  @Override
  public void close() {
    pending.forEach(p -> p.timer.cancel());
    pending.clear();
  }
}
