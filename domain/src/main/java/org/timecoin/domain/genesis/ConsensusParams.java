package org.timecoin.domain.genesis;

import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Transaction;

/**
 * Chain-wide rules fixed in the genesis file; every node must use the same values. Amounts are in
 * units, sizes in bytes, durations in milliseconds. Encoded as the fields in order, each u64.
 *
 * @param blockReward new units minted per block, split among validators by tier weight
 * @param maxBlockBytes largest encoded block
 * @param maxTxBytes largest encoded transaction
 * @param minFee smallest fee of any transaction
 * @param feePerMille additional fee floor: ceil(outputs total × feePerMille / 1000)
 * @param dustLimit smallest amount of a non-coinbase output
 * @param maxClockDriftMs how far in the future (by the local clock) a block timestamp may be
 * @param timeoutProposeMs Tendermint timeout_propose at round 0
 * @param timeoutPrevoteMs Tendermint timeout_prevote at round 0
 * @param timeoutPrecommitMs Tendermint timeout_precommit at round 0
 * @param timeoutDeltaMs added to each timeout per round
 * @param maxRoundTimeoutMs cap of any timeout
 * @param blockIntervalMs least time between two blocks
 * @param emptyBlockIntervalMs longest time without a block when there are no transactions
 */
public record ConsensusParams(
    long blockReward,
    long maxBlockBytes,
    long maxTxBytes,
    long minFee,
    long feePerMille,
    long dustLimit,
    long maxClockDriftMs,
    long timeoutProposeMs,
    long timeoutPrevoteMs,
    long timeoutPrecommitMs,
    long timeoutDeltaMs,
    long maxRoundTimeoutMs,
    long blockIntervalMs,
    long emptyBlockIntervalMs) {

  public static final Codec<ConsensusParams> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, ConsensusParams p) {
          for (long v : p.fields()) {
            out.u64(v);
          }
        }

        @Override
        public ConsensusParams read(ByteReader in) {
          long[] v = new long[14];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.u64();
            if (v[i] < 0) {
              throw new CodecException("consensus parameter " + i + " out of range");
            }
          }
          try {
            return new ConsensusParams(
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13]);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  public ConsensusParams {
    for (long v :
        fieldsOf(
            blockReward,
            maxBlockBytes,
            maxTxBytes,
            minFee,
            feePerMille,
            dustLimit,
            maxClockDriftMs,
            timeoutProposeMs,
            timeoutPrevoteMs,
            timeoutPrecommitMs,
            timeoutDeltaMs,
            maxRoundTimeoutMs,
            blockIntervalMs,
            emptyBlockIntervalMs)) {
      if (v < 0) {
        throw new IllegalArgumentException("consensus parameters must be >= 0");
      }
    }
    if (maxBlockBytes > Integer.MAX_VALUE || maxTxBytes > Transaction.MAX_SIZE) {
      throw new IllegalArgumentException("maxBlockBytes or maxTxBytes too large");
    }
  }

  /** The documented defaults: 1 MB transactions, 2 MB blocks, fee >= max(1000, 0.1%), dust 546. */
  public static ConsensusParams defaults() {
    return new ConsensusParams(
        Amounts.ofTime(100),
        2_000_000,
        Transaction.MAX_SIZE,
        1_000,
        1,
        546,
        10_000,
        1_000,
        1_000,
        1_000,
        500,
        30_000,
        1_000,
        600_000);
  }

  /**
   * Smallest fee a transaction with output total {@code outputTotal} must pay: the larger of {@code
   * minFee} and ceil(outputTotal × feePerMille / 1000), computed without overflow.
   */
  public long requiredFee(long outputTotal) {
    // ceil(a * b / 1000) with a split so a * b never overflows: a = q * 1000 + r.
    long q = outputTotal / 1000;
    long r = outputTotal % 1000;
    long rate;
    try {
      long partial = Math.addExact(Math.multiplyExact(r, feePerMille), 999) / 1000;
      rate = Math.addExact(Math.multiplyExact(q, feePerMille), partial);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    return Math.max(minFee, rate);
  }

  private long[] fields() {
    return fieldsOf(
        blockReward,
        maxBlockBytes,
        maxTxBytes,
        minFee,
        feePerMille,
        dustLimit,
        maxClockDriftMs,
        timeoutProposeMs,
        timeoutPrevoteMs,
        timeoutPrecommitMs,
        timeoutDeltaMs,
        maxRoundTimeoutMs,
        blockIntervalMs,
        emptyBlockIntervalMs);
  }

  private static long[] fieldsOf(long... values) {
    return values;
  }
}
