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
 * @param issuancePerPeriod new units minted per {@code issuancePeriodMs} of chain time (block
 *     timestamps), split among the active masternodes by tier reward weight
 * @param issuancePeriodMs the period of {@code issuancePerPeriod}, and the most chain time one
 *     block is paid for
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
 * @param epochBlocks blocks per epoch; the validator set changes only between epochs
 * @param inactivityBlocks a member that signed none of the last this many blocks is inactive
 * @param removalBlocks a member that signed none of the last this many blocks leaves the set at the
 *     next epoch boundary
 */
public record ConsensusParams(
    long issuancePerPeriod,
    long issuancePeriodMs,
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
    long emptyBlockIntervalMs,
    long epochBlocks,
    long inactivityBlocks,
    long removalBlocks) {

  /** Number of parameters, each one u64 of the encoding. */
  public static final int FIELD_COUNT = 18;

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
          long[] v = new long[FIELD_COUNT];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.u64();
            if (v[i] < 0) {
              throw new CodecException("consensus parameter " + i + " out of range");
            }
          }
          try {
            return of(v);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  public ConsensusParams {
    for (long v :
        fieldsOf(
            issuancePerPeriod,
            issuancePeriodMs,
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
            emptyBlockIntervalMs,
            epochBlocks,
            inactivityBlocks,
            removalBlocks)) {
      if (v < 0) {
        throw new IllegalArgumentException("consensus parameters must be >= 0");
      }
    }
    if (issuancePeriodMs == 0) {
      throw new IllegalArgumentException("issuancePeriodMs must be > 0");
    }
    if (epochBlocks == 0 || inactivityBlocks == 0) {
      throw new IllegalArgumentException("epochBlocks and inactivityBlocks must be > 0");
    }
    if (removalBlocks < inactivityBlocks) {
      throw new IllegalArgumentException(
          "removalBlocks ("
              + removalBlocks
              + ") must be >= inactivityBlocks ("
              + inactivityBlocks
              + "): a member is inactive before it is removed");
    }
    if (maxBlockBytes > Integer.MAX_VALUE || maxTxBytes > Transaction.MAX_SIZE) {
      throw new IllegalArgumentException("maxBlockBytes or maxTxBytes too large");
    }
  }

  /**
   * The documented defaults: 100 TIME per 10 minutes, 1 MB transactions, 2 MB blocks, fee >=
   * max(1000, 0.1%), dust 546, epochs of 100 blocks, inactive after 50 unsigned blocks, removed
   * after 300.
   */
  public static ConsensusParams defaults() {
    return new ConsensusParams(
        Amounts.ofTime(100),
        600_000,
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
        600_000,
        100,
        50,
        300);
  }

  /** The parameters in encoding order; {@link #of} reads them back. */
  public long[] values() {
    return fields();
  }

  /** The parameters from {@code v} in encoding order ({@link #FIELD_COUNT} values). */
  public static ConsensusParams of(long[] v) {
    if (v.length != FIELD_COUNT) {
      throw new IllegalArgumentException(
          "expected " + FIELD_COUNT + " consensus parameters, got " + v.length);
    }
    return new ConsensusParams(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
        v[14], v[15], v[16], v[17]);
  }

  /** A copy with other epoch and liveness lengths (devnets use short ones). */
  public ConsensusParams withEpochs(long epochBlocks, long inactivityBlocks, long removalBlocks) {
    long[] v = values();
    v[FIELD_COUNT - 3] = epochBlocks;
    v[FIELD_COUNT - 2] = inactivityBlocks;
    v[FIELD_COUNT - 1] = removalBlocks;
    return of(v);
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
        issuancePerPeriod,
        issuancePeriodMs,
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
        emptyBlockIntervalMs,
        epochBlocks,
        inactivityBlocks,
        removalBlocks);
  }

  private static long[] fieldsOf(long... values) {
    return values;
  }
}
