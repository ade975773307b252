package org.timecoin.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.timecoin.common.Hash32;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.wallet.FeeSchedule;

/**
 * The coins of the load keys and the transfers that spend them: 1 to 4 inputs (weights 4:3:2:1,
 * mean 2) from any keys, 1 to 3 outputs (uniform, mean 2) to random keys, so the number of coins
 * stays level (a coin worn down by fees takes more inputs with it; no output is split below {@link
 * #MIN_SPLIT_OUTPUT}). Only coins seen in finalized blocks are spent, so every transfer is valid
 * when built. Not thread-safe: one thread owns it.
 */
final class LoadWallet {
  /** Cumulative weights of 1, 2, 3 and 4 inputs. */
  private static final int[] INPUT_WEIGHTS = {4, 7, 9, 10};

  private static final int MAX_INPUTS = INPUT_WEIGHTS.length;

  private static final int MAX_OUTPUTS = 3;

  /**
   * No transfer splits its value into outputs smaller than this (a hundredth of a genesis coin):
   * were small coins split again and again, some would come down to dust and could no longer pay a
   * fee. Below it coins only shrink by fees, by at least the minimum fee a transfer.
   */
  static final long MIN_SPLIT_OUTPUT = LoadFunding.COIN / 100;

  /** A spendable output of a load key. */
  record Coin(OutPoint outPoint, long amount, int key) {}

  /**
   * A transfer not yet signed; {@code owedChange} is what it added to {@link #owedOutputs}, undone
   * when its coins come back.
   */
  record Draft(List<Coin> inputs, List<TxOut> outputs, long stamp, int owedChange) {}

  /** A signed transfer and the coins it spends. */
  record Transfer(Transaction tx, List<Coin> inputs, int owedChange) {}

  private final LoadKeys keys;
  private final Hash32 chainId;
  private final FeeSchedule fees;
  private final Random random;
  private final Deque<Coin> spendable = new ArrayDeque<>();

  /**
   * Outputs that transfers left out (a split held back at {@link #MIN_SPLIT_OUTPUT}) or coins they
   * took beyond their drawn input count; later transfers that can afford it add as many outputs, so
   * the number of coins stays level however long the load runs.
   */
  private long owedOutputs;

  private long stamp;

  LoadWallet(LoadKeys keys, Hash32 chainId, ConsensusParams params, long feeRate, Random random) {
    this.keys = keys;
    this.chainId = chainId;
    this.fees = new FeeSchedule(params, feeRate);
    this.random = random;
  }

  int spendable() {
    return spendable.size();
  }

  /** Takes in the load keys' outputs of {@code tx}, e.g. of the genesis or of a final block. */
  int credit(Transaction tx) {
    return credit(tx.txid(), tx.outputs());
  }

  /** Takes in the load keys' outputs of the transaction {@code txid}. */
  int credit(Hash32 txid, List<TxOut> outputs) {
    int added = 0;
    for (int i = 0; i < outputs.size(); i++) {
      TxOut o = outputs.get(i);
      int key = keys.indexOf(o.address());
      if (key >= 0) {
        spendable.add(new Coin(new OutPoint(txid, i), o.amount(), key));
        added++;
      }
    }
    return added;
  }

  /** The coins of a transfer the node refused: still unspent, so spendable again. */
  void restore(Transfer refused) {
    refused.inputs().forEach(spendable::addFirst);
    owedOutputs -= refused.owedChange();
  }

  /** The next transfer, or null when no coin is spendable (all wait for their blocks). */
  Transfer next() {
    Draft d = draft();
    return d == null ? null : sign(d);
  }

  /**
   * The next transfer's coins and outputs, unsigned (signing may then run on other threads), or
   * null when no coin is spendable (or those that are cannot pay a fee until others come back).
   */
  Draft draft() {
    int n = Math.min(inputCount(), spendable.size());
    if (n == 0) {
      return null;
    }
    List<Coin> inputs = new ArrayList<>(MAX_INPUTS);
    long total = 0;
    for (int i = 0; i < n; i++) {
      Coin c = spendable.poll();
      inputs.add(c);
      total += c.amount();
    }
    int owed = 0;
    // Coins worn down by fees pay their way together with more coins.
    while (total - fee(total, n, 1) <= fees.dustLimit() && n < MAX_INPUTS && !spendable.isEmpty()) {
      Coin c = spendable.poll();
      inputs.add(c);
      total += c.amount();
      n++;
      owed++;
    }
    int outputs = 1 + random.nextInt(MAX_OUTPUTS);
    while (owedOutputs + owed > 0
        && outputs < MAX_OUTPUTS
        && (total - fee(total, n, outputs + 1)) / (outputs + 1) >= MIN_SPLIT_OUTPUT) {
      outputs++;
      owed--;
    }
    long value = total - fee(total, n, outputs);
    while (outputs > 1 && value / outputs < MIN_SPLIT_OUTPUT) {
      outputs--;
      owed++;
      value = total - fee(total, n, outputs);
    }
    if (value <= fees.dustLimit()) {
      if (n < MAX_INPUTS) {
        // Too little alone while every other coin waits for its block: again once they are back.
        inputs.forEach(spendable::addLast);
        return null;
      }
      throw new IllegalStateException(
          "load coins worn down to dust: " + total + " units cannot pay a transfer's fee");
    }
    owedOutputs += owed;
    List<TxOut> outs = new ArrayList<>(outputs);
    long share = value / outputs;
    for (int i = 0; i < outputs; i++) {
      long amount = i == outputs - 1 ? value - share * (outputs - 1) : share;
      outs.add(new TxOut(amount, keys.address(random.nextInt(keys.size()))));
    }
    return new Draft(inputs, outs, ++stamp, owed);
  }

  /** Signs a draft: every input by its coin's key. Thread-safe (reads only fixed state). */
  Transfer sign(Draft d) {
    TxBuilder b = new TxBuilder().timestamp(d.stamp());
    for (Coin c : d.inputs()) {
      b.input(c.outPoint(), keys.key(c.key()));
    }
    for (TxOut o : d.outputs()) {
      b.output(o.amount(), o.address());
    }
    return new Transfer(b.sign(chainId), d.inputs(), d.owedChange());
  }

  private int inputCount() {
    int r = random.nextInt(INPUT_WEIGHTS[INPUT_WEIGHTS.length - 1]);
    int n = 0;
    while (r >= INPUT_WEIGHTS[n]) {
      n++;
    }
    return n + 1;
  }

  /** The consensus fee on the outputs and the mempool's per-byte floor, whichever is larger. */
  private long fee(long total, int inputs, int outputs) {
    long consensus = fees.params().requiredFee(total);
    long bySize = fees.ratePerByte() * FeeSchedule.size(inputs, outputs);
    return Math.max(consensus, bySize);
  }
}
