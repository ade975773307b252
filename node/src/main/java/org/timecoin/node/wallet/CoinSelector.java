package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.api.WalletException;

/**
 * Chooses the coins of a payment among the available ones, which are ordered by amount: the
 * smallest single coin that pays the amount and its fee when there is one (a look-up, not a scan),
 * else the largest coins first until they do, within the transaction size limit. Either way the
 * work is bounded by the number of coins chosen, never by the size of the wallet.
 */
public final class CoinSelector {
  /** Coins above the first candidate tried as a single input before falling back to several. */
  static final int SINGLE_COIN_TRIES = 32;

  private static final Address PROBE_ADDRESS = Address.ofPayload(new byte[Address.SIZE]);

  private CoinSelector() {}

  /** The chosen coins and how their total splits into payment, change and fee. */
  public record Selection(List<Utxo> coins, FeeSchedule.Split split) {
    public long inputTotal() {
      long t = 0;
      for (Utxo u : coins) {
        t += u.amount();
      }
      return t;
    }
  }

  /**
   * Coins paying {@code payment} to one output plus the fee, from {@code available} (ordered by
   * {@link WalletCoins#BY_AMOUNT}) whose amounts sum to {@code availableTotal}.
   */
  public static Selection forPayment(
      NavigableSet<Utxo> available, long availableTotal, long payment, FeeSchedule fees)
      throws WalletException {
    long leastFee = Math.max(fees.params().requiredFee(payment), fees.sizeFee(fees.txSize(1, 1)));
    long leastNeeded = saturatingAdd(payment, leastFee);
    if (availableTotal < leastNeeded) {
      throw insufficient(availableTotal, leastNeeded);
    }
    Selection single = singleCoin(available, payment, leastNeeded, fees);
    return single != null ? single : largestFirst(available, availableTotal, payment, fees);
  }

  private static Selection singleCoin(
      NavigableSet<Utxo> available, long payment, long leastNeeded, FeeSchedule fees) {
    Iterator<Utxo> up = available.tailSet(probe(leastNeeded), true).iterator();
    for (int i = 0; i < SINGLE_COIN_TRIES && up.hasNext(); i++) {
      Utxo coin = up.next();
      FeeSchedule.Split split = fees.split(coin.amount(), 1, payment, 1);
      if (split != null) {
        return new Selection(List.of(coin), split);
      }
    }
    return null;
  }

  private static Selection largestFirst(
      NavigableSet<Utxo> available, long availableTotal, long payment, FeeSchedule fees)
      throws WalletException {
    int maxInputs = fees.maxInputs(2);
    List<Utxo> chosen = new ArrayList<>();
    long total = 0;
    for (Utxo coin : available.descendingSet()) {
      if (chosen.size() == maxInputs) {
        throw new WalletException(
            WalletException.Kind.INSUFFICIENT_FUNDS,
            "paying "
                + Amounts.toTimeString(payment)
                + " TIME needs more than "
                + maxInputs
                + " coins, more than a transaction can spend; merge small coins first"
                + " (mergeutxos)");
      }
      chosen.add(coin);
      total += coin.amount();
      FeeSchedule.Split split = fees.split(total, chosen.size(), payment, 1);
      if (split != null) {
        return new Selection(chosen, split);
      }
    }
    long fee =
        Math.max(
            fees.params().requiredFee(payment),
            fees.sizeFee(fees.txSize(Math.max(1, chosen.size()), 1)));
    throw insufficient(availableTotal, saturatingAdd(payment, fee));
  }

  /**
   * Up to {@code maxCount} of the smallest coins swept into one output, or an error when fewer than
   * {@code minCount} are available or they do not cover the fee.
   */
  public static Selection forMerge(
      NavigableSet<Utxo> available, int minCount, int maxCount, FeeSchedule fees)
      throws WalletException {
    int limit = Math.min(maxCount, fees.maxInputs(1));
    List<Utxo> chosen = new ArrayList<>(Math.min(limit, available.size()));
    long total = 0;
    for (Utxo coin : available) {
      if (chosen.size() == limit) {
        break;
      }
      chosen.add(coin);
      total += coin.amount();
    }
    if (chosen.size() < minCount || chosen.size() < 2) {
      throw new WalletException(
          WalletException.Kind.INVALID_PARAMETER,
          "the wallet has "
              + available.size()
              + " spendable coins, fewer than min_count "
              + Math.max(2, minCount));
    }
    FeeSchedule.Split split = fees.sweep(total, chosen.size());
    if (split == null) {
      throw insufficient(total, fees.sizeFee(fees.txSize(chosen.size(), 1)));
    }
    return new Selection(chosen, split);
  }

  /**
   * One coin paying only a fee, the rest back to the wallet as change of at least the dust limit (a
   * transaction whose purpose is its payload): the smallest coin that does.
   */
  public static Selection forFee(NavigableSet<Utxo> available, FeeSchedule fees)
      throws WalletException {
    long leastFee = Math.max(fees.params().minFee(), fees.sizeFee(fees.txSize(1, 1)));
    long leastCoin = saturatingAdd(leastFee, fees.dustLimit());
    Iterator<Utxo> up = available.tailSet(probe(leastCoin), true).iterator();
    for (int i = 0; i < SINGLE_COIN_TRIES && up.hasNext(); i++) {
      Utxo coin = up.next();
      FeeSchedule.Split split = fees.split(coin.amount(), 1, 0, 0);
      if (split != null && split.change() > 0) {
        return new Selection(List.of(coin), split);
      }
    }
    long largest = available.isEmpty() ? 0 : available.last().amount();
    throw new WalletException(
        WalletException.Kind.INSUFFICIENT_FUNDS,
        "insufficient funds: the fee needs one spendable coin of at least "
            + Amounts.toTimeString(leastCoin)
            + " TIME (fee plus the least change), the largest is "
            + Amounts.toTimeString(largest)
            + " TIME");
  }

  static WalletException insufficient(long available, long needed) {
    return new WalletException(
        WalletException.Kind.INSUFFICIENT_FUNDS,
        "insufficient funds: available "
            + Amounts.toTimeString(available)
            + " TIME, needed "
            + Amounts.toTimeString(needed)
            + " TIME (amount plus fee)");
  }

  /** The least element of the amount order with this amount. */
  private static Utxo probe(long amount) {
    return new Utxo(new OutPoint(Hash32.ZERO, 0), new TxOut(amount, PROBE_ADDRESS), 0, false);
  }

  private static long saturatingAdd(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }
}
