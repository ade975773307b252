package org.timecoin.node.chain;

import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The validation threads, with two lanes. Work that something waits for now (a proposal's or the
 * next block's validation, vote checks) goes first; background work (the signatures of blocks
 * received ahead of the tip during sync) runs when no such work waits. Thousands of queued checks
 * of later blocks thus never delay the block being applied, while they still use every idle moment.
 * Within a lane tasks run in the order given.
 */
public final class ValidationPool extends ThreadPoolExecutor {
  private static final int FOREGROUND = 0;
  private static final int BACKGROUND = 1;

  private final AtomicLong order = new AtomicLong();

  public ValidationPool(int threads, ThreadFactory threadFactory) {
    super(threads, threads, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), threadFactory);
  }

  @Override
  public void execute(Runnable task) {
    super.execute(new Ranked(task, FOREGROUND, order.getAndIncrement()));
  }

  /** Runs {@code task} when no foreground task waits. */
  public void executeInBackground(Runnable task) {
    super.execute(new Ranked(task, BACKGROUND, order.getAndIncrement()));
  }

  /** This pool's background lane as an executor. */
  public Executor background() {
    return this::executeInBackground;
  }

  private record Ranked(Runnable task, int lane, long order)
      implements Runnable, Comparable<Ranked> {
    @Override
    public void run() {
      task.run();
    }

    @Override
    public int compareTo(Ranked o) {
      return lane != o.lane ? Integer.compare(lane, o.lane) : Long.compare(order, o.order);
    }
  }
}
