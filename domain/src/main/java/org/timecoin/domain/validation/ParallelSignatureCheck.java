package org.timecoin.domain.validation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Transaction;

/**
 * Verifies the signatures of many transactions on a bounded pool. {@code parallelism} runners take
 * batches of transactions from a shared cursor; after each batch a runner re-queues itself instead
 * of looping, so other work queued on a FIFO pool (the input rules, the state root) gets a thread
 * within one batch rather than after all signatures. Batches shrink as the work runs out (about
 * {@code remaining / (2 * parallelism)}, at least {@link #MIN_BATCH}), so the runners finish close
 * together instead of one core idling while another verifies a last full batch. Transactions
 * already in the {@link SignatureCache} are skipped; those that verify are added. The first
 * failure, or the shared abort flag, stops all runners.
 */
final class ParallelSignatureCheck {
  /** Batches per runner: small enough to interleave other work, large enough to be cheap. */
  private static final int BATCHES_PER_RUNNER = 16;

  /** The smallest batch of the tail: a few verifications outweigh the cost of re-queueing. */
  static final int MIN_BATCH = 4;

  private final Executor pool;
  private final int parallelism;
  private final SignatureCache cache;

  ParallelSignatureCheck(Executor pool, int parallelism, SignatureCache cache) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    this.pool = pool;
    this.parallelism = parallelism;
    this.cache = cache;
  }

  /**
   * Checks every transaction of {@code txs} with inputs; the result names the failing index in
   * {@code txs}. Setting {@code abort} stops the work early (the result is then meaningless).
   */
  CompletableFuture<ValidationResult> verify(
      Hash32 chainId, List<Transaction> txs, AtomicBoolean abort) {
    int[] pending = new int[txs.size()];
    int count = 0;
    int cached = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      if (tx.inputs().isEmpty()) {
        continue;
      }
      if (cache.isVerified(tx.txid())) {
        cached++;
      } else {
        pending[count++] = i;
      }
    }
    cache.countBlockTxs(cached, count);
    if (count == 0) {
      return CompletableFuture.completedFuture(ValidationResult.ok());
    }
    int batch = Math.max(1, ceilDiv(count, parallelism * BATCHES_PER_RUNNER));
    int runners = Math.min(parallelism, ceilDiv(count, batch));
    Job job = new Job(chainId, txs, pending, count, batch, runners, abort);
    for (int r = 0; r < runners; r++) {
      job.schedule();
    }
    return job.done;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * The size of the next batch when {@code remaining} transactions are left: {@code maxBatch} while
   * there is plenty, then about half of each runner's fair share, never below {@link #MIN_BATCH}
   * (nor above what is left).
   */
  static int nextBatch(int remaining, int maxBatch, int parallelism) {
    int share = ceilDiv(remaining, 2 * parallelism);
    return Math.min(remaining, Math.min(maxBatch, Math.max(MIN_BATCH, share)));
  }

  private final class Job {
    final Hash32 chainId;
    final List<Transaction> txs;
    final int[] pending;
    final int count;
    final int batch;
    final AtomicBoolean abort;
    final AtomicInteger cursor = new AtomicInteger();
    final AtomicInteger activeRunners;
    final AtomicReference<ValidationResult> failure = new AtomicReference<>();
    final CompletableFuture<ValidationResult> done = new CompletableFuture<>();

    Job(
        Hash32 chainId,
        List<Transaction> txs,
        int[] pending,
        int count,
        int batch,
        int runners,
        AtomicBoolean abort) {
      this.chainId = chainId;
      this.txs = txs;
      this.pending = pending;
      this.count = count;
      this.batch = batch;
      this.abort = abort;
      this.activeRunners = new AtomicInteger(runners);
    }

    void schedule() {
      try {
        pool.execute(this::runBatch);
      } catch (RuntimeException e) { // e.g. RejectedExecutionException from a closed pool
        abort.set(true);
        done.completeExceptionally(e);
      }
    }

    /** Takes the next batch off the cursor: its start in the high half, its end in the low half. */
    long claim() {
      while (true) {
        int start = cursor.get();
        if (start >= count) {
          return ((long) count << 32) | count;
        }
        int end = start + nextBatch(count - start, batch, parallelism);
        if (cursor.compareAndSet(start, end)) {
          return ((long) start << 32) | end;
        }
      }
    }

    void runBatch() {
      try {
        long claimed = abort.get() ? ((long) count << 32) | count : claim();
        int start = (int) (claimed >>> 32);
        int end = (int) claimed;
        for (int k = start; k < end && !abort.get(); k++) {
          int index = pending[k];
          Transaction tx = txs.get(index);
          ValidationResult r = TxRules.checkSignatures(tx, chainId, cache.keys());
          if (r.isValid()) {
            cache.markVerified(tx.txid());
          } else {
            failure.compareAndSet(null, r.atTx(index));
            abort.set(true);
          }
        }
        if (end < count && !abort.get()) {
          schedule();
        } else if (activeRunners.decrementAndGet() == 0) {
          ValidationResult f = failure.get();
          done.complete(f != null ? f : ValidationResult.ok());
        }
      } catch (RuntimeException | Error e) {
        abort.set(true);
        done.completeExceptionally(e);
      }
    }
  }
}
