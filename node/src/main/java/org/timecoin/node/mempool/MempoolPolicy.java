package org.timecoin.node.mempool;

/**
 * What this node keeps waiting, from {@code [node]} of config.toml: at most {@code maxTxs}
 * transactions and {@code maxBytes} bytes, each paying at least {@code minFeeRate} units per byte
 * of its encoding (a local policy on top of the consensus minimum fee, so that size costs money).
 */
public record MempoolPolicy(int maxTxs, long maxBytes, long minFeeRate) {
  /**
   * Units per byte: a one-input transfer paying the consensus minimum fee pays several times it.
   */
  public static final long DEFAULT_MIN_FEE_RATE = 1;

  public MempoolPolicy {
    if (maxTxs < 1 || maxBytes < 1 || minFeeRate < 0) {
      throw new IllegalArgumentException(
          "mempool needs maxTxs >= 1, maxBytes >= 1 and minFeeRate >= 0");
    }
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
