package org.timecoin.domain.validation;

import org.timecoin.domain.genesis.ConsensusParams;

/**
 * New units a block mints, from chain time: block h is paid for the time since its parent,
 *
 * <pre>
 *   reward(h) = floor(issuancePerPeriod × min(ts_h − ts_{h−1}, issuancePeriodMs) / issuancePeriodMs)
 * </pre>
 *
 * computed exactly over the 128-bit product (block 1's parent is the genesis block, whose timestamp
 * is the genesis timestamp). Over a run of blocks the rewards add up to the period rate times the
 * chain time elapsed, less under one unit per block (each floor drops less than one), whatever the
 * block interval. Timestamps are strictly increasing and at most {@code maxClockDriftMs} ahead of
 * every validating node's clock, so a proposer can pull issuance ahead of real time by at most the
 * drift, never add to it: what a later timestamp gives its block, the next block loses. The cap of
 * one period per block bounds what the first block after a halt mints: a halted chain earns nothing
 * for its halt.
 */
public final class Issuance {
  private Issuance() {}

  /**
   * The reward of a block with timestamp {@code timestamp} whose parent has {@code
   * parentTimestamp}; 0 when the timestamp is not after the parent's (such a block is invalid).
   */
  public static long reward(ConsensusParams params, long parentTimestamp, long timestamp) {
    long period = params.issuancePeriodMs();
    long elapsed = paidMillis(parentTimestamp, timestamp, period);
    return ExactMath.mulDiv(params.issuancePerPeriod(), elapsed, period);
  }

  /** The chain time a block is paid for: its time since the parent, within [0, period]. */
  static long paidMillis(long parentTimestamp, long timestamp, long period) {
    if (timestamp <= parentTimestamp) {
      return 0;
    }
    long elapsed = timestamp - parentTimestamp;
    // A negative difference of two ordered longs means it overflowed: far more than a period.
    return elapsed < 0 ? period : Math.min(elapsed, period);
  }
}
