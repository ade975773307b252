package org.timecoin.node.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Transaction;

/**
 * Lets callers wait for a transaction to be finalized without polling: each stored block completes
 * the waiters of its transactions; a waiter not served in time completes with false.
 */
public final class FinalityWatch implements BlockListener {
  /** Most transactions waited on at once; more waiters are refused (completed with false). */
  static final int MAX_WATCHED = 10_000;

  private final ScheduledExecutorService timer;
  private final Map<Hash32, List<CompletableFuture<Boolean>>> waiting = new HashMap<>();

  public FinalityWatch(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Completes with true once a block holding {@code txid} is stored, false after {@code timeout}.
   * Register before checking the store, so a block stored in between is not missed.
   */
  public CompletableFuture<Boolean> await(Hash32 txid, Duration timeout) {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    synchronized (this) {
      if (waiting.size() >= MAX_WATCHED && !waiting.containsKey(txid)) {
        f.complete(false);
        return f;
      }
      waiting.computeIfAbsent(txid, k -> new ArrayList<>()).add(f);
    }
    var task = timer.schedule(() -> expire(txid, f), timeout.toMillis(), TimeUnit.MILLISECONDS);
    f.whenComplete((v, e) -> task.cancel(false));
    return f;
  }

  private void expire(Hash32 txid, CompletableFuture<Boolean> f) {
    synchronized (this) {
      List<CompletableFuture<Boolean>> list = waiting.get(txid);
      if (list != null) {
        list.remove(f);
        if (list.isEmpty()) {
          waiting.remove(txid);
        }
      }
    }
    f.complete(false);
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    List<CompletableFuture<Boolean>> done = new ArrayList<>();
    synchronized (this) {
      if (waiting.isEmpty()) {
        return;
      }
      for (Transaction tx : block.txs()) {
        List<CompletableFuture<Boolean>> list = waiting.remove(tx.txid());
        if (list != null) {
          done.addAll(list);
        }
      }
    }
    done.forEach(f -> f.complete(true));
  }
}
