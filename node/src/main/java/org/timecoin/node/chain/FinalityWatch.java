package org.timecoin.node.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Transaction;

/**
 * Lets callers wait for a transaction to be finalized without polling: each stored block completes
 * the waiters of its transactions; a waiter not served in time completes with false.
 *
 * <p>Waiters are bounded in all and per transaction; beyond either bound a new waiter is refused
 * with {@link RejectedExecutionException}. The lock that the block-storing thread takes is held
 * only for set operations that cost O(1) per waiter (a timeout removes its own entry from a hash
 * set), and waiters complete on {@code timer}, never on the thread that stored the block: what
 * callers chain onto a waiter (storage reads, answering a client) runs elsewhere.
 */
public final class FinalityWatch implements BlockListener {
  // Shared and without stack traces: refusing a waiter must cost the attacker more than us.
  private static final RejectedExecutionException TOO_MANY =
      refusal("too many transactions are being waited on");
  private static final RejectedExecutionException TOO_MANY_ON_TX =
      refusal("too many callers wait on this transaction");

  private final ScheduledExecutorService timer;
  private final int maxWaiters;
  private final int maxPerTxid;
  private final Map<Hash32, Set<CompletableFuture<Boolean>>> waiting = new HashMap<>();
  private int count;

  /**
   * @param timer runs timeouts and completes waiters; give it a thread of its own, so that many
   *     waiters timing out together delay nothing else
   */
  public FinalityWatch(ScheduledExecutorService timer, int maxWaiters, int maxPerTxid) {
    this.timer = timer;
    this.maxWaiters = maxWaiters;
    this.maxPerTxid = maxPerTxid;
  }

  /**
   * Completes with true once a block holding {@code txid} is stored, false after {@code timeout};
   * fails with {@link RejectedExecutionException} when too many callers wait already. Register
   * before checking the store, so a block stored in between is not missed.
   */
  public CompletableFuture<Boolean> await(Hash32 txid, Duration timeout) {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    synchronized (this) {
      Set<CompletableFuture<Boolean>> set = waiting.get(txid);
      if (count >= maxWaiters) {
        return CompletableFuture.failedFuture(TOO_MANY);
      }
      if (set != null && set.size() >= maxPerTxid) {
        return CompletableFuture.failedFuture(TOO_MANY_ON_TX);
      }
      if (set == null) {
        set = new HashSet<>();
        waiting.put(txid, set);
      }
      set.add(f); // CompletableFuture has identity equality: O(1) add and remove
      count++;
    }
    ScheduledFuture<?> task;
    try {
      task = timer.schedule(() -> f.complete(false), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      remove(txid, f);
      return CompletableFuture.failedFuture(e);
    }
    // However it completes (block, timeout, or a caller that found the transaction stored),
    // the waiter leaves the set at O(1) cost.
    f.whenComplete(
        (v, e) -> {
          task.cancel(false);
          remove(txid, f);
        });
    return f;
  }

  private static RejectedExecutionException refusal(String message) {
    return new RejectedExecutionException(message) {
      private static final long serialVersionUID = 1L;

      @Override
      public synchronized Throwable fillInStackTrace() {
        return this;
      }
    };
  }

  /** Waiters registered now (for tests and metrics). */
  public synchronized int waiters() {
    return count;
  }

  private synchronized void remove(Hash32 txid, CompletableFuture<Boolean> f) {
    Set<CompletableFuture<Boolean>> set = waiting.get(txid);
    if (set != null && set.remove(f)) {
      count--;
      if (set.isEmpty()) {
        waiting.remove(txid);
      }
    }
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    List<Set<CompletableFuture<Boolean>>> done = new ArrayList<>();
    synchronized (this) {
      if (waiting.isEmpty()) {
        return;
      }
      for (Transaction tx : block.txs()) {
        Set<CompletableFuture<Boolean>> set = waiting.remove(tx.txid());
        if (set != null) {
          count -= set.size();
          done.add(set);
        }
      }
    }
    if (done.isEmpty()) {
      return;
    }
    Runnable complete = () -> done.forEach(set -> set.forEach(f -> f.complete(true)));
    try {
      timer.execute(complete);
    } catch (RejectedExecutionException e) {
      complete.run(); // shutting down: nothing else waits on this thread any more
    }
  }
}
