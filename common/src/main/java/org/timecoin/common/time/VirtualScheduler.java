package org.timecoin.common.time;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A single-threaded event queue on virtual time. Events run in order of due time; events due at the
 * same instant run in scheduling order, or in a seeded random order when a tie-breaking random
 * source is given (which explores more interleavings while staying reproducible).
 */
public final class VirtualScheduler implements Scheduler {
  private final VirtualClock clock;
  private final RandomGenerator tieBreaker;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long nextSequence;
  private long executed;

  /** Ties run first-scheduled, first-run. */
  public VirtualScheduler(VirtualClock clock) {
    this(clock, null);
  }

  /** Ties run in an order drawn from {@code tieBreaker}; null means scheduling order. */
  public VirtualScheduler(VirtualClock clock, RandomGenerator tieBreaker) {
    this.clock = clock;
    this.tieBreaker = tieBreaker;
  }

  public VirtualClock clock() {
    return clock;
  }

  public long nowNanos() {
    return clock.monoNanos();
  }

  public long nowMillis() {
    return clock.elapsedMillis();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return scheduleAfterNanos(delay.toNanos(), task);
  }

  public Cancellable scheduleAfterNanos(long delayNanos, Runnable task) {
    if (delayNanos < 0) {
      throw new IllegalArgumentException("negative delay: " + delayNanos + " ns");
    }
    return scheduleAt(clock.monoNanos() + delayNanos, task);
  }

  public Cancellable scheduleAfterMillis(long delayMillis, Runnable task) {
    return scheduleAfterNanos(delayMillis * 1_000_000L, task);
  }

  /** Schedules {@code task} at absolute virtual time {@code dueNanos} (not earlier than now). */
  public Cancellable scheduleAt(long dueNanos, Runnable task) {
    long due = Math.max(dueNanos, clock.monoNanos());
    long tie = tieBreaker == null ? 0 : tieBreaker.nextLong();
    Event event = new Event(due, tie, nextSequence++, task);
    queue.add(event);
    return event;
  }

  /** Runs the earliest pending event, advancing the clock to its time; false when none is left. */
  public boolean runNext() {
    Event event;
    do {
      event = queue.poll();
      if (event == null) {
        return false;
      }
    } while (event.cancelled);
    clock.advanceTo(event.dueNanos);
    executed++;
    event.task.run();
    return true;
  }

  /** Runs every event due at or before {@code nanos}, then leaves the clock at {@code nanos}. */
  public void runUntil(long nanos) {
    runUntil(nanos, () -> false);
  }

  /**
   * Runs events until {@code stop} holds (checked after each event) or the next event is later than
   * {@code deadlineNanos}. Returns true if {@code stop} held; otherwise the clock ends at the
   * deadline.
   */
  public boolean runUntil(long deadlineNanos, BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      return true;
    }
    while (true) {
      Event head = peekLive();
      if (head == null || head.dueNanos > deadlineNanos) {
        clock.advanceTo(Math.max(deadlineNanos, clock.monoNanos()));
        return false;
      }
      runNext();
      if (stop.getAsBoolean()) {
        return true;
      }
    }
  }

  public void runFor(Duration duration) {
    runUntil(clock.monoNanos() + duration.toNanos());
  }

  /** Number of scheduled events not yet run (cancelled ones included until they reach the head). */
  public int pending() {
    return queue.size();
  }

  /** Number of events run so far. */
  public long executed() {
    return executed;
  }

  private Event peekLive() {
    Event head = queue.peek();
    while (head != null && head.cancelled) {
      queue.poll();
      head = queue.peek();
    }
    return head;
  }

  private static final class Event implements Comparable<Event>, Cancellable {
    final long dueNanos;
    final long tie;
    final long sequence;
    final Runnable task;
    boolean cancelled;

    Event(long dueNanos, long tie, long sequence, Runnable task) {
      this.dueNanos = dueNanos;
      this.tie = tie;
      this.sequence = sequence;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      if (c != 0) {
        return c;
      }
      c = Long.compare(tie, o.tie);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
