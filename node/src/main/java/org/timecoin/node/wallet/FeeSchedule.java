package org.timecoin.node.wallet;

import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;

/**
 * The fee a wallet transaction pays: the consensus minimum ({@code minFee} and a share of the
 * outputs, {@link ConsensusParams#requiredFee}) and at least {@code ratePerByte} units per byte of
 * its encoding (the mempool's minimum, or the caller's own rate). Change below the dust limit is
 * never created: it goes to the fee.
 */
public record FeeSchedule(ConsensusParams params, long ratePerByte, int extraBytes) {
  private static final int FIXED_SIZE = 4 + 4 + 4 + 8 + 8;

  /**
   * @param extraBytes encoded bytes beyond the inputs and outputs (a masternode payload), paid for
   *     at the same rate
   */
  public FeeSchedule {
    if (ratePerByte < 0) {
      throw new IllegalArgumentException("fee rate must be >= 0");
    }
    if (extraBytes < 0) {
      throw new IllegalArgumentException("extra bytes must be >= 0");
    }
  }

  /** The schedule of a plain transfer: inputs and outputs only. */
  public FeeSchedule(ConsensusParams params, long ratePerByte) {
    this(params, ratePerByte, 0);
  }

  /** This schedule for a transaction that also carries {@code bytes} of payload. */
  public FeeSchedule withExtraBytes(int bytes) {
    return new FeeSchedule(params, ratePerByte, bytes);
  }

  /** Encoded size of a transaction with these counts (every input is the same size). */
  public static int size(int inputs, int outputs) {
    return FIXED_SIZE + inputs * TxIn.ENCODED_SIZE + outputs * TxOut.ENCODED_SIZE;
  }

  /** Encoded size of a transaction with these counts and this schedule's extra bytes. */
  public int txSize(int inputs, int outputs) {
    return size(inputs, outputs) + extraBytes;
  }

  /** Most inputs a transaction with {@code outputs} outputs may have within the size limit. */
  public int maxInputs(int outputs) {
    long room = Math.min(params.maxTxBytes(), Transaction.MAX_SIZE) - txSize(0, outputs);
    return (int) Math.max(0, room / TxIn.ENCODED_SIZE);
  }

  public long dustLimit() {
    return params.dustLimit();
  }

  /** The size part of the fee: {@code ratePerByte × size}, saturating. */
  long sizeFee(int size) {
    try {
      return Math.multiplyExact(ratePerByte, size);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * How {@code inputTotal} from {@code inputs} inputs splits into {@code payment} (plus {@code
   * otherOutputs} outputs already counted in it), change and fee; null when it does not cover the
   * payment and its fee.
   */
  public Split split(long inputTotal, int inputs, long payment, int paymentOutputs) {
    Split withChange = withChange(inputTotal, inputs, payment, paymentOutputs);
    if (withChange != null) {
      return withChange;
    }
    long fee = inputTotal - payment;
    long needed = Math.max(params.requiredFee(payment), sizeFee(txSize(inputs, paymentOutputs)));
    return fee >= needed ? new Split(payment, 0, fee) : null;
  }

  /** With a change output: the least fee that pays for the size and the outputs left. */
  private Split withChange(long inputTotal, int inputs, long payment, int paymentOutputs) {
    long fee = leastFee(inputTotal, txSize(inputs, paymentOutputs + 1));
    long change = inputTotal - payment - fee;
    return fee < 0 || change < params.dustLimit() ? null : new Split(payment, change, fee);
  }

  /** All of {@code inputTotal} to one output, less the fee; null when what is left is dust. */
  public Split sweep(long inputTotal, int inputs) {
    long fee = leastFee(inputTotal, txSize(inputs, 1));
    long out = inputTotal - fee;
    return fee < 0 || out < params.dustLimit() ? null : new Split(out, 0, fee);
  }

  /**
   * The least fee f with f ≥ max(minFee, rate × size) and f ≥ requiredFee(inputTotal − f): the
   * outputs are what the fee leaves, so the share-of-outputs part depends on f itself. f −
   * requiredFee(inputTotal − f) grows with f, so a binary search finds it; -1 when even all of the
   * inputs would not do.
   */
  long leastFee(long inputTotal, int size) {
    long lo = Math.max(params.minFee(), sizeFee(size));
    if (lo > inputTotal) {
      return -1;
    }
    if (lo >= params.requiredFee(inputTotal - lo)) {
      return lo;
    }
    long hi = inputTotal; // requiredFee(0) = minFee <= lo <= inputTotal
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (mid >= params.requiredFee(inputTotal - mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Where the inputs go: the payment, the change back to the wallet (0: none) and the fee. */
  public record Split(long payment, long change, long fee) {}
}
