package org.timecoin.node.sync;

import java.time.Duration;
import org.timecoin.node.config.SyncSection;

/**
 * Bounds of block sync and of serving peers.
 *
 * @param rangeDeadline how long a peer has to answer a block range before the range costs it points
 *     and goes to another peer
 * @param maxMisses deadlines in a row a peer may miss before it is no longer asked and its claimed
 *     height no longer counts
 * @param giveUpFor how long a peer that missed {@code maxMisses} deadlines stays unasked, across
 *     reconnections
 * @param servingBytesPerSecond bytes of blocks (and, separately, of state-root work) served to one
 *     peer per second
 * @param servingBurstBytes bytes one peer may have served at once before the rate applies
 * @param maxRangeBlocks most blocks served for one request
 * @param budgetMemory how long a peer's serving budget is remembered after it disconnects, so a
 *     reconnection does not refill it (the ban duration)
 */
public record SyncLimits(
    Duration rangeDeadline,
    int maxMisses,
    Duration giveUpFor,
    long servingBytesPerSecond,
    long servingBurstBytes,
    int maxRangeBlocks,
    Duration budgetMemory) {

  public SyncLimits {
    if (rangeDeadline.isNegative()
        || rangeDeadline.isZero()
        || maxMisses < 1
        || servingBytesPerSecond < 1
        || servingBurstBytes < 1
        || maxRangeBlocks < 1) {
      throw new IllegalArgumentException("sync limits must be positive: " + this);
    }
  }

  /**
   * Serving allows 16 MiB/s per peer: eight times the growth of a chain of full 2 MB blocks, so an
   * honest node catches up from one peer, while one peer's requests cannot keep the disk busy.
   */
  public static SyncLimits defaults(Duration banDuration) {
    return of(SyncSection.defaults(), banDuration);
  }

  /**
   * A peer not worth asking stays unasked for this long; short, so that peers given up while our
   * own link was down are asked again soon, and a liar that comes back pays again (its points add
   * up to a ban).
   */
  static final Duration GIVE_UP_FOR = Duration.ofMinutes(1);

  /** The limits of {@code [sync]}; serving budgets are remembered for the ban duration. */
  public static SyncLimits of(SyncSection s, Duration banDuration) {
    return new SyncLimits(
        s.rangeDeadline(),
        3,
        GIVE_UP_FOR,
        s.servingBytesPerSecond(),
        s.servingBytesPerSecond(),
        s.maxRangeBlocks(),
        banDuration);
  }

  public SyncLimits withRangeDeadline(Duration d) {
    return new SyncLimits(
        d,
        maxMisses,
        giveUpFor,
        servingBytesPerSecond,
        servingBurstBytes,
        maxRangeBlocks,
        budgetMemory);
  }

  public SyncLimits withServingBudget(long bytesPerSecond, long burstBytes) {
    return new SyncLimits(
        rangeDeadline,
        maxMisses,
        giveUpFor,
        bytesPerSecond,
        burstBytes,
        maxRangeBlocks,
        budgetMemory);
  }
}
