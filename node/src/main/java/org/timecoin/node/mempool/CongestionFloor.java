package org.timecoin.node.mempool;

import java.time.Duration;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.function.IntSupplier;

/**
 * Keeps the mempool's backlog within what the chain commits in {@code targetWait}, so that what is
 * admitted is final soon instead of queueing behind a backlog that makes everyone wait. The chain's
 * rate is a moving average of committed transactions per second over recent blocks. Once more
 * transactions wait than that rate times the target wait, a new one must pay a higher fee rate than
 * the one at the backlog's limit: it would then be among the transactions due within the target,
 * and the fee floor rises with the pressure. Below the limit only the node's base fee rate counts.
 * The check runs before the signatures, so refused load costs no signature check.
 *
 * <p>The backlog is also held to what the next block can carry ({@link #capAt}): a proposer takes
 * no more than its validators can check in time, and whatever waits beyond that misses the next
 * block whatever the chain's rate says, which is where the slowest finality comes from.
 *
 * <p>Admissions under way are bounded the same way ({@link #admissionLimit}): beyond that many, a
 * transaction is refused as busy at the door, before any lookup.
 *
 * <p>{@link #blockCommitted} and {@link #inserted} run under the mempool's lock; {@link #refusal}
 * and {@link #admissionLimit} read published values from any thread.
 */
final class CongestionFloor {
  /** The backlog always allowed: an idle chain takes a burst before its rate is known. */
  static final int MIN_BACKLOG = 512;

  /** Admissions always allowed under way at once. */
  static final int MIN_IN_FLIGHT = 32;

  /** The share of the target wait a submission may spend queued for admission: a tenth. */
  static final int ADMISSION_SHARE = 10;

  /** Weight of the newest block in the moving average. */
  static final double SMOOTHING = 0.3;

  /** Inserts between recomputations of the threshold (each walks the backlog's limit). */
  static final int RECOMPUTE_EVERY = 32;

  /** Shortest block interval the rate divides by: blocks stored together are not a rate. */
  private static final long MIN_INTERVAL_NANOS = 100_000_000L;

  /** The fee rate (fee over size) a new transaction must beat; backlog limit for the message. */
  record Threshold(long fee, int size, int limit, int waiting) {}

  private final long targetWaitNanos;
  private volatile IntSupplier nextBlockCapacity = () -> Integer.MAX_VALUE;
  private volatile double committedPerSecond;
  private volatile double admittedPerSecond;
  private int admittedSinceBlock;
  private long lastBlockNanos = -1;
  private int insertsSinceRecompute;
  private volatile Threshold threshold;

  /**
   * @param targetWait how long admitted transactions should wait for a block at most; zero turns
   *     the floor off
   */
  CongestionFloor(Duration targetWait) {
    this.targetWaitNanos = targetWait.toNanos();
  }

  /** Holds the backlog to {@code nextBlockCapacity} transactions as well (read at each check). */
  void capAt(IntSupplier nextBlockCapacity) {
    this.nextBlockCapacity = nextBlockCapacity;
  }

  boolean enabled() {
    return targetWaitNanos > 0;
  }

  /** A block with {@code txs} transactions was stored at {@code nowNanos}. */
  void blockCommitted(int txs, long nowNanos, NavigableSet<MempoolEntry> waitingBestFirst) {
    if (!enabled()) {
      return;
    }
    if (lastBlockNanos >= 0) {
      long interval = Math.max(MIN_INTERVAL_NANOS, nowNanos - lastBlockNanos);
      double rate = txs * 1e9 / interval;
      committedPerSecond = SMOOTHING * rate + (1 - SMOOTHING) * committedPerSecond;
      double admitted = admittedSinceBlock * 1e9 / interval;
      admittedPerSecond = SMOOTHING * admitted + (1 - SMOOTHING) * admittedPerSecond;
    }
    admittedSinceBlock = 0;
    lastBlockNanos = nowNanos;
    recompute(waitingBestFirst);
  }

  /**
   * A transaction entered the mempool, submitted here or relayed: both count towards the admission
   * rate, since they are checked in the same pool.
   */
  void inserted(NavigableSet<MempoolEntry> waitingBestFirst) {
    admittedSinceBlock++;
    if (enabled() && ++insertsSinceRecompute >= RECOMPUTE_EVERY) {
      recompute(waitingBestFirst);
    }
  }

  /**
   * Admissions that may be under way here, own and relayed together, when a submission arrives
   * (their lookups and signature checks queued): as many as this node admits, own and relayed, in a
   * tenth of the target wait, so a submission does not queue for admission longer than that. Beyond
   * it, a refusal at the door is cheaper for everyone than a queue that makes every admitted
   * transaction late for its block. Relayed ones are not refused here (a peer admitted them), but
   * they take their share of the queue first. Any thread.
   */
  int admissionLimit(int hardLimit) {
    if (!enabled()) {
      return hardLimit;
    }
    long due = (long) (admittedPerSecond * targetWaitNanos / (ADMISSION_SHARE * 1e9));
    return (int) Math.min(hardLimit, Math.max(MIN_IN_FLIGHT, due));
  }

  /**
   * Transactions that may wait before the floor rises: what the chain commits in the target wait
   * (at least {@link #MIN_BACKLOG}), but never more than the next block carries.
   */
  int backlogLimit() {
    long due = (long) (committedPerSecond * targetWaitNanos / 1e9);
    long byRate = Math.max(MIN_BACKLOG, due);
    return (int) Math.max(1, Math.min(byRate, nextBlockCapacity.getAsInt()));
  }

  private void recompute(NavigableSet<MempoolEntry> waitingBestFirst) {
    insertsSinceRecompute = 0;
    int limit = backlogLimit();
    int waiting = waitingBestFirst.size();
    if (waiting < limit) {
      threshold = null;
      return;
    }
    Iterator<MempoolEntry> best = waitingBestFirst.iterator();
    MempoolEntry atLimit = null;
    for (int i = 0; i < limit; i++) {
      atLimit = best.next();
    }
    threshold = new Threshold(atLimit.fee(), atLimit.size(), limit, waiting);
  }

  /** Why a transaction paying {@code fee} for {@code size} bytes is refused now; null if not. */
  String refusal(long fee, int size) {
    Threshold t = threshold;
    if (t == null || FeeRate.compare(fee, size, t.fee(), t.size()) > 0) {
      return null;
    }
    return t.waiting()
        + " transactions wait, more than the chain commits in "
        + Duration.ofNanos(targetWaitNanos).toMillis()
        + " ms ("
        + t.limit()
        + "); a fee above "
        + t.fee()
        + " units per "
        + t.size()
        + " bytes is needed now";
  }
}
