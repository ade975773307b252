package org.timecoin.node.chain;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool with a bounded queue for work that can wait for blocks: before each task its thread
 * waits while the chain builds, validates or stores a block ({@link BlockWorkGate#awaitQuiet}). A
 * full queue rejects the task, so its submitter can refuse rather than queue without end.
 */
public final class HeldBackPool extends ThreadPoolExecutor {
  private final BlockWorkGate gate;

  public HeldBackPool(int threads, int queueCapacity, BlockWorkGate gate, ThreadFactory factory) {
    super(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), factory);
    this.gate = gate;
  }

  @Override
  protected void beforeExecute(Thread t, Runnable r) {
    gate.awaitQuiet();
    super.beforeExecute(t, r);
  }
}
