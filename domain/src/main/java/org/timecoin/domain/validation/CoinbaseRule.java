package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

/**
 * The coinbase of a block at height h with proposer P pays T = block_reward + fees of the block,
 * split by tier reward weight (Free 1, Bronze 10, Silver 100, Gold 1000):
 *
 * <ol>
 *   <li>W = sum of the weights of all validators in the set; validator i with weight w_i gets
 *       share_i = floor(T × w_i / W) (computed exactly, without overflow).
 *   <li>The remainder T − Σ share_i (less than the number of validators) goes to P.
 *   <li>Outputs, in validator key order: (share_i, plus the remainder if i is P) to i's reward
 *       address; validators whose amount is 0 get no output. Coinbase outputs are exempt from the
 *       dust limit.
 *   <li>The coinbase has no inputs, lockTime = h (so every coinbase has its own txid), version 1;
 *       its timestamp is free.
 * </ol>
 */
public final class CoinbaseRule {
  public static final int VERSION = 1;

  private CoinbaseRule() {}

  /** The exact outputs the coinbase must have; {@code proposer} must be in {@code validators}. */
  public static List<TxOut> outputs(long total, ValidatorSet validators, PublicKey proposer) {
    if (total < 0) {
      throw new IllegalArgumentException("total reward must be >= 0");
    }
    if (!validators.contains(proposer)) {
      throw new IllegalArgumentException("proposer " + proposer + " is not a validator");
    }
    long weightSum = validators.totalRewardWeight();
    long quotient = total / weightSum;
    long rest = total % weightSum;
    List<Validator> list = validators.validators();
    long[] shares = new long[list.size()];
    long paid = 0;
    for (int i = 0; i < shares.length; i++) {
      long w = list.get(i).tier().rewardWeight();
      // T × w / W = q × w + r × w / W, with r < W <= 10^7 and w <= 1000: no overflow.
      shares[i] = quotient * w + rest * w / weightSum;
      paid += shares[i];
    }
    shares[validators.indexOf(proposer)] += total - paid;
    List<TxOut> outs = new ArrayList<>(shares.length);
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0) {
        outs.add(new TxOut(shares[i], list.get(i).rewardAddress()));
      }
    }
    return outs;
  }

  /** The coinbase transaction itself. */
  public static Transaction coinbase(
      long height, long total, ValidatorSet validators, PublicKey proposer, long timestamp) {
    return new Transaction(
        VERSION, List.of(), outputs(total, validators, proposer), height, timestamp);
  }

  /** Null when {@code tx} is the right coinbase, else what is wrong with it. */
  static String problem(
      Transaction tx, long height, long total, ValidatorSet validators, PublicKey proposer) {
    if (!tx.isCoinbase()) {
      return "first transaction has inputs; it must be the coinbase";
    }
    if (tx.lockTime() != height) {
      return "coinbase lockTime " + tx.lockTime() + " is not the height " + height;
    }
    if (tx.version() != VERSION) {
      return "coinbase version " + tx.version() + " is not " + VERSION;
    }
    List<TxOut> expected = outputs(total, validators, proposer);
    if (!tx.outputs().equals(expected)) {
      return "coinbase does not pay "
          + total
          + " units split by tier weight: expected "
          + expected
          + ", got "
          + tx.outputs();
    }
    return null;
  }
}
