package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

/**
 * The coinbase of a block at height h with proposer P pays T = the block's issuance ({@link
 * Issuance}) + fees of the block, split by tier reward weight among the members of the block's
 * validator set that are active at h:
 *
 * <ol>
 *   <li>W = sum of the reward weights of the active members; active member i with weight w_i gets
 *       share_i = floor(T × w_i / W) (computed exactly, without overflow). Inactive members get
 *       nothing.
 *   <li>The remainder T − Σ share_i goes to P; when W = 0 (no active member has a weight) all of T
 *       does.
 *   <li>Outputs, in validator key order: (share_i, plus the remainder if i is P) to i's reward
 *       address; members whose amount is 0 get no output. Coinbase outputs are exempt from the dust
 *       limit.
 *   <li>The coinbase has no inputs, lockTime = h (so every coinbase has its own txid), version 1;
 *       its timestamp is free.
 * </ol>
 */
public final class CoinbaseRule {
  public static final int VERSION = 1;

  private CoinbaseRule() {}

  /** Every member of {@code validators}: the active set of a chain without liveness tracking. */
  public static Set<PublicKey> allMembers(ValidatorSet validators) {
    Set<PublicKey> keys = new HashSet<>(validators.size() * 2);
    for (Validator v : validators.validators()) {
      keys.add(v.key());
    }
    return keys;
  }

  /**
   * The exact outputs the coinbase must have. {@code proposer} must be in {@code validators}, and
   * so must every key of {@code active}.
   */
  public static List<TxOut> outputs(
      long total, ValidatorSet validators, Set<PublicKey> active, PublicKey proposer) {
    if (total < 0) {
      throw new IllegalArgumentException("total reward must be >= 0");
    }
    if (!validators.contains(proposer)) {
      throw new IllegalArgumentException("proposer " + proposer + " is not a validator");
    }
    List<Validator> list = validators.validators();
    long weightSum = 0;
    for (Validator v : list) {
      if (active.contains(v.key())) {
        weightSum += v.tier().rewardWeight(); // at most MAX_VALIDATORS × the largest weight
      }
    }
    long[] shares = new long[list.size()];
    long paid = 0;
    if (weightSum > 0) {
      for (int i = 0; i < shares.length; i++) {
        Validator v = list.get(i);
        if (active.contains(v.key())) {
          shares[i] = ExactMath.mulDiv(total, v.tier().rewardWeight(), weightSum);
          paid += shares[i];
        }
      }
    }
    shares[validators.indexOf(proposer)] += total - paid;
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0) {
        outs.add(new TxOut(shares[i], list.get(i).rewardAddress()));
      }
    }
    return outs;
  }

  /** The coinbase transaction itself. */
  public static Transaction coinbase(
      long height,
      long total,
      ValidatorSet validators,
      Set<PublicKey> active,
      PublicKey proposer,
      long timestamp) {
    return new Transaction(
        VERSION, List.of(), outputs(total, validators, active, proposer), height, timestamp);
  }

  /** Null when {@code tx} is the right coinbase, else what is wrong with it. */
  static String problem(
      Transaction tx,
      long height,
      long total,
      ValidatorSet validators,
      Set<PublicKey> active,
      PublicKey proposer) {
    if (!tx.isCoinbase()) {
      return "first transaction has inputs; it must be the coinbase";
    }
    if (tx.lockTime() != height) {
      return "coinbase lockTime " + tx.lockTime() + " is not the height " + height;
    }
    if (tx.version() != VERSION) {
      return "coinbase version " + tx.version() + " is not " + VERSION;
    }
    List<TxOut> expected = outputs(total, validators, active, proposer);
    List<TxOut> actual = tx.outputs();
    if (!actual.equals(expected)) {
      return "coinbase does not pay "
          + total
          + " units split by tier weight among the "
          + active.size()
          + " active members: "
          + firstDifference(expected, actual);
    }
    return null;
  }

  /** Where two output lists part, in a few words (a set of thousands would not fit a message). */
  private static String firstDifference(List<TxOut> expected, List<TxOut> actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        return "output " + i + " should be " + expected.get(i) + ", got " + actual.get(i);
      }
    }
    return expected.size() + " outputs expected, got " + actual.size();
  }
}
