package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.api.WalletException;

/**
 * The wallet's coins: the finalized unspent outputs paying its addresses, kept up to date block by
 * block, with a balance per address and the coins not reserved by a send, ordered by amount so coin
 * selection is a look-up. Coins chosen by a send stay reserved until the chain spends them or the
 * send is given up, so two sends never choose the same coin. Held coins (masternode collaterals,
 * which the chain refuses to let move while they are locked) are never chosen at all.
 *
 * <p>Thread-safe: every method holds this object's lock, so choosing and reserving coins is one
 * step; the chain writer applies blocks, RPC workers select.
 */
public final class WalletCoins {
  /** By amount, then outpoint: the order coin selection walks. */
  public static final Comparator<Utxo> BY_AMOUNT =
      Comparator.comparingLong(Utxo::amount).thenComparing(Utxo::outPoint);

  private final Map<OutPoint, Utxo> coins = new HashMap<>();
  private final NavigableSet<Utxo> available = new TreeSet<>(BY_AMOUNT);
  private final Map<OutPoint, Reservation> reserved = new HashMap<>();
  private final Map<Address, Long> balances = new HashMap<>();
  private final Set<OutPoint> held = new HashSet<>();
  private long total;
  private long availableTotal;

  /** Coins set aside for one transaction; released when it fails, dropped as the chain spends. */
  public static final class Reservation {
    private final List<Utxo> coins;

    private Reservation(List<Utxo> coins) {
      this.coins = List.copyOf(coins);
    }

    public List<Utxo> coins() {
      return coins;
    }
  }

  /** A way of choosing coins among the available ones (ordered by {@link #BY_AMOUNT}). */
  @FunctionalInterface
  public interface Chooser {
    CoinSelector.Selection choose(NavigableSet<Utxo> available, long availableTotal)
        throws WalletException;
  }

  /** What a block did to the wallet, per transaction that touched it. */
  public record TxEffect(Transaction tx, long spent, long received, boolean allInputsOwned) {}

  /** Adds coins found by a scan of the UTXO set; a coin already known is left alone. */
  public synchronized void add(Iterable<Utxo> found) {
    for (Utxo u : found) {
      addCoin(u);
    }
  }

  /**
   * Removes the coins the block spends and adds the outputs it creates for addresses {@code owns}
   * accepts; returns what each transaction that touched the wallet did. Applying a block twice
   * changes nothing.
   */
  public synchronized List<TxEffect> apply(Block block, Predicate<Address> owns) {
    List<TxEffect> effects = new ArrayList<>();
    for (Transaction tx : block.txs()) {
      long spent = 0;
      boolean allOwned = !tx.inputs().isEmpty();
      for (TxIn in : tx.inputs()) {
        Utxo gone = removeCoin(in.prev());
        if (gone != null) {
          spent += gone.amount();
        } else {
          allOwned = false;
        }
      }
      long received = 0;
      List<TxOut> outs = tx.outputs();
      Hash32 txid = null;
      for (int i = 0; i < outs.size(); i++) {
        TxOut out = outs.get(i);
        if (owns.test(out.address())) {
          txid = txid == null ? tx.txid() : txid;
          addCoin(new Utxo(new OutPoint(txid, i), out, block.height(), tx.isCoinbase()));
          received += out.amount();
        }
      }
      if (spent > 0 || received > 0) {
        effects.add(new TxEffect(tx, spent, received, allOwned && spent > 0));
      }
    }
    return effects;
  }

  /**
   * Lets {@code chooser} pick among the coins not reserved and reserves what it picked, in one
   * step.
   */
  public synchronized Reserved reserve(Chooser chooser) throws WalletException {
    CoinSelector.Selection s =
        chooser.choose(Collections.unmodifiableNavigableSet(available), availableTotal);
    Reservation r = new Reservation(s.coins());
    for (Utxo u : s.coins()) {
      if (!available.remove(u)) {
        throw new IllegalStateException("chose a coin that is not available: " + u.outPoint());
      }
      availableTotal -= u.amount();
      reserved.put(u.outPoint(), r);
    }
    return new Reserved(s, r);
  }

  /** A selection with the reservation that holds its coins. */
  public record Reserved(CoinSelector.Selection selection, Reservation reservation) {}

  /** Makes the coins of {@code r} the chain has not spent available again. */
  public synchronized void release(Reservation r) {
    for (Utxo u : r.coins()) {
      if (reserved.remove(u.outPoint(), r)
          && coins.containsKey(u.outPoint())
          && !held.contains(u.outPoint())) {
        available.add(u);
        availableTotal += u.amount();
      }
    }
  }

  /**
   * Keeps the coin at {@code outPoint} out of every selection, whether the wallet has it yet or not
   * (a registration's collateral is held before its block arrives).
   */
  public synchronized void hold(OutPoint outPoint) {
    if (held.add(outPoint)) {
      Utxo u = coins.get(outPoint);
      if (u != null && available.remove(u)) {
        availableTotal -= u.amount();
      }
    }
  }

  /** Lets sends choose the coin at {@code outPoint} again. */
  public synchronized void unhold(OutPoint outPoint) {
    if (held.remove(outPoint)) {
      Utxo u = coins.get(outPoint);
      if (u != null && !reserved.containsKey(outPoint)) {
        available.add(u);
        availableTotal += u.amount();
      }
    }
  }

  /** The outpoints held, present in the wallet or not. */
  public synchronized Set<OutPoint> held() {
    return Set.copyOf(held);
  }

  public synchronized long total() {
    return total;
  }

  /** The total of the coins no send has reserved. */
  public synchronized long availableTotal() {
    return availableTotal;
  }

  public synchronized long balance(Address address) {
    return balances.getOrDefault(address, 0L);
  }

  public synchronized int size() {
    return coins.size();
  }

  public synchronized Optional<Utxo> coin(OutPoint outPoint) {
    return Optional.ofNullable(coins.get(outPoint));
  }

  public synchronized boolean isReserved(OutPoint outPoint) {
    return reserved.containsKey(outPoint);
  }

  /** At most {@code limit} coins that {@code filter} accepts, sorted by amount. */
  public synchronized List<Utxo> list(Predicate<Utxo> filter, int limit) {
    List<Utxo> out = new ArrayList<>();
    for (Utxo u : coins.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (filter.test(u)) {
        out.add(u);
      }
    }
    out.sort(BY_AMOUNT);
    return out;
  }

  private void addCoin(Utxo u) {
    if (coins.putIfAbsent(u.outPoint(), u) != null) {
      return;
    }
    total += u.amount();
    balances.merge(u.address(), u.amount(), Long::sum);
    if (!reserved.containsKey(u.outPoint()) && !held.contains(u.outPoint())) {
      available.add(u);
      availableTotal += u.amount();
    }
  }

  private Utxo removeCoin(OutPoint op) {
    Utxo u = coins.remove(op);
    if (u == null) {
      return null;
    }
    total -= u.amount();
    balances.computeIfPresent(u.address(), (a, b) -> b == u.amount() ? null : b - u.amount());
    boolean wasHeld = held.remove(op);
    if (reserved.remove(op) == null && !wasHeld) {
      available.remove(u);
      availableTotal -= u.amount();
    }
    return u;
  }
}
