package org.timecoin.node.chain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.timecoin.common.time.Clock;

/**
 * Tells work that can wait when the chain does work that consensus waits for: building a proposal,
 * validating a block and storing a finalized one. Under load the node's cores are busy checking the
 * signatures of submitted transactions; a block validated or stored meanwhile gets a fraction of a
 * core, and every validator waits for the slowest to store it. Transaction admission therefore
 * checks no further signature while block work runs ({@link #awaitQuiet}). A waiter goes on at the
 * first moment without block work, even if new work began right after (blocks stored back to back
 * while catching up leave such moments between them, so admission takes a task per thread per
 * block), and after {@code maxHold} at the latest.
 */
public final class BlockWorkGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quiet = lock.newCondition();
  private final long maxHoldNanos;
  private final Clock clock;
  private final LongAdder heldNanos = new LongAdder();
  private int running; // guarded by lock
  private int waiting; // guarded by lock
  private long quietMoments; // guarded by lock: how often running fell to 0

  public BlockWorkGate(long maxHoldMillis, Clock clock) {
    if (maxHoldMillis < 0) {
      throw new IllegalArgumentException("maxHoldMillis must be >= 0");
    }
    this.maxHoldNanos = TimeUnit.MILLISECONDS.toNanos(maxHoldMillis);
    this.clock = clock;
  }

  /** Runs {@code work} as block work until the future it returns completes. */
  public <T> CompletableFuture<T> during(Supplier<CompletableFuture<T>> work) {
    begin();
    try {
      return work.get().whenComplete((r, e) -> end());
    } catch (RuntimeException | Error e) { // including a null future: the work never started
      end();
      throw e;
    }
  }

  void begin() {
    lock.lock();
    try {
      running++;
    } finally {
      lock.unlock();
    }
  }

  void end() {
    lock.lock();
    try {
      if (running == 0) {
        throw new IllegalStateException("block work ended more often than it began");
      }
      if (--running == 0) {
        quietMoments++;
        quiet.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns once no block work runs or ran since the call, or after {@code maxHold} if it still
   * does. An interrupt ends the wait early and stays set. The time held is read from the clock; the
   * wait itself is in real time.
   */
  public void awaitQuiet() {
    lock.lock();
    try {
      if (running == 0) {
        return;
      }
      long start = clock.monoNanos();
      long left = maxHoldNanos;
      long quietBefore = quietMoments;
      waiting++;
      try {
        while (running > 0 && quietMoments == quietBefore && left > 0) {
          left = quiet.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiting--;
        heldNanos.add(clock.monoNanos() - start);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Block work running now. */
  public int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Threads held in {@link #awaitQuiet} now. */
  public int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Time all threads spent held back, in seconds, since start. */
  public double heldSeconds() {
    return heldNanos.sum() / 1e9;
  }
}
