package org.timecoin.node.mempool;

import java.time.Duration;

/**
 * What this node keeps waiting, from {@code [node]} of config.toml: at most {@code maxTxs}
 * transactions and {@code maxBytes} bytes, each paying at least {@code minFeeRate} units per byte
 * of its encoding (a local policy on top of the consensus minimum fee, so that size costs money),
 * and no more than the chain commits in {@code targetWait} unless it pays more (see {@code
 * CongestionFloor}; zero turns that off).
 */
public record MempoolPolicy(int maxTxs, long maxBytes, long minFeeRate, Duration targetWait) {
  /**
   * Units per byte: a one-input transfer paying the consensus minimum fee pays several times it.
   */
  public static final long DEFAULT_MIN_FEE_RATE = 1;

  /** The wait a node's config asks for by default. */
  public static final Duration DEFAULT_TARGET_WAIT = Duration.ofSeconds(1);

  public MempoolPolicy {
    if (maxTxs < 1 || maxBytes < 1 || minFeeRate < 0 || targetWait.isNegative()) {
      throw new IllegalArgumentException(
          "mempool needs maxTxs >= 1, maxBytes >= 1, minFeeRate >= 0 and targetWait >= 0");
    }
  }

  /** Without a congestion floor. */
  public MempoolPolicy(int maxTxs, long maxBytes, long minFeeRate) {
    this(maxTxs, maxBytes, minFeeRate, Duration.ZERO);
  }

  /** The default fee rate with these bounds. */
  public static MempoolPolicy of(int maxTxs, long maxBytes) {
    return new MempoolPolicy(maxTxs, maxBytes, DEFAULT_MIN_FEE_RATE);
  }

  /** Whether {@code fee} pays at least {@link #minFeeRate} per byte of {@code size}. */
  boolean paysFeeRate(long fee, int size) {
    return FeeRate.compare(fee, size, minFeeRate, 1) >= 0;
  }

  long requiredFee(int size) {
    try {
      return Math.multiplyExact(minFeeRate, size);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
