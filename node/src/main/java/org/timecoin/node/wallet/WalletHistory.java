package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.wallet.WalletCoins.Reservation;

/**
 * The wallet's transactions and their state, newest last, bounded: beyond {@code capacity} the
 * oldest settled ones (final or rejected) are forgotten. Sends move PENDING → MEMPOOL → FINAL, or
 * to REJECTED with the reason; a block holding a transaction makes it FINAL whatever it was.
 * Thread-safe (this object's lock).
 */
public final class WalletHistory {
  private final int capacity;
  private final Map<Hash32, Entry> entries = new LinkedHashMap<>();
  private final Set<Hash32> open = new HashSet<>();

  private static final class Entry {
    WalletTx tx;
    Reservation reservation;

    Entry(WalletTx tx, Reservation reservation) {
      this.tx = tx;
      this.reservation = reservation;
    }
  }

  private final Consumer<WalletTx> settled;

  public WalletHistory(int capacity) {
    this(capacity, t -> {});
  }

  /**
   * @param settled told of each transaction that became final or rejected (to persist it); runs
   *     under this object's lock, so it must only hand the record over
   */
  public WalletHistory(int capacity, Consumer<WalletTx> settled) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
    this.settled = settled;
  }

  /** Settled transactions read back from storage at start, oldest first. */
  public synchronized void restore(List<WalletTx> saved) {
    for (WalletTx t : saved) {
      if (!t.state().open() && !entries.containsKey(t.txid())) {
        entries.put(t.txid(), new Entry(t, null));
      }
    }
    trim();
  }

  /** The settled transactions, oldest first (what storage must keep). */
  public synchronized List<WalletTx> settledSnapshot() {
    List<WalletTx> out = new ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      if (!e.tx.state().open()) {
        out.add(e.tx);
      }
    }
    return out;
  }

  /** A transaction the wallet signed and is about to submit, holding {@code reservation}. */
  public synchronized void pending(
      Transaction tx, long amount, long fee, Reservation reservation, long nowMillis) {
    WalletTx w = new WalletTx(tx.txid(), amount, fee, TxState.PENDING, -1, null, null, nowMillis);
    entries.put(tx.txid(), new Entry(w, reservation));
    open.add(tx.txid());
    trim();
  }

  /** The mempool admitted it; a transaction already final stays final. */
  public synchronized void admitted(Hash32 txid) {
    Entry e = entries.get(txid);
    if (e != null && e.tx.state() == TxState.PENDING) {
      e.tx = with(e.tx, TxState.MEMPOOL, -1, null, null);
    }
  }

  /**
   * Refused or evicted: returns the reservation to release, or empty when the transaction is no
   * longer open (a block finalized it meanwhile).
   */
  public synchronized Optional<Reservation> rejected(Hash32 txid, String reason) {
    Entry e = entries.get(txid);
    if (e == null || !e.tx.state().open()) {
      return Optional.empty();
    }
    e.tx = with(e.tx, TxState.REJECTED, -1, null, reason);
    open.remove(txid);
    settled.accept(e.tx);
    Reservation r = e.reservation;
    e.reservation = null;
    return Optional.ofNullable(r);
  }

  /**
   * A block at {@code height} holds {@code effect.tx()}: a known transaction becomes final (the
   * block spent its coins, so there is nothing to release); an unknown one that touched the wallet
   * (a payment in, or a spend signed elsewhere) is recorded as final.
   */
  public synchronized void finalized(
      WalletCoins.TxEffect effect, long height, Hash32 blockHash, long nowMillis) {
    Transaction tx = effect.tx();
    Entry e = entries.get(tx.txid());
    if (e != null) {
      e.tx = with(e.tx, TxState.FINAL, height, blockHash, null);
      e.reservation = null;
      open.remove(tx.txid());
      settled.accept(e.tx);
      return;
    }
    long fee = effect.allInputsOwned() ? effect.spent() - tx.totalOutput() : 0;
    long amount = effect.received() - effect.spent();
    WalletTx w =
        new WalletTx(tx.txid(), amount, fee, TxState.FINAL, height, blockHash, null, nowMillis);
    entries.put(tx.txid(), new Entry(w, null));
    settled.accept(w);
    trim();
  }

  /**
   * Transactions the mempool admitted but no longer holds (and no block took): evicted for a better
   * fee rate or by a conflicting block. Returns the reservations to release.
   */
  public synchronized List<Reservation> evicted(Predicate<Hash32> inMempool) {
    List<Reservation> released = new ArrayList<>();
    for (Hash32 txid : List.copyOf(open)) {
      Entry e = entries.get(txid);
      if (e.tx.state() == TxState.MEMPOOL && !inMempool.test(txid)) {
        rejected(txid, "evicted from the mempool (a conflicting spend or a better fee rate)")
            .ifPresent(released::add);
      }
    }
    return released;
  }

  public synchronized Optional<WalletTx> get(Hash32 txid) {
    Entry e = entries.get(txid);
    return e == null ? Optional.empty() : Optional.of(e.tx);
  }

  /** The newest {@code count} transactions, oldest of them first. */
  public synchronized List<WalletTx> latest(int count) {
    List<WalletTx> all = new ArrayList<>(Math.min(count, entries.size()));
    int skip = Math.max(0, entries.size() - count);
    for (Entry e : entries.values()) {
      if (skip-- > 0) {
        continue;
      }
      all.add(e.tx);
    }
    return all;
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized int openCount() {
    return open.size();
  }

  private void trim() {
    Iterator<Entry> oldest = entries.values().iterator();
    while (entries.size() > capacity && oldest.hasNext()) {
      if (!oldest.next().tx.state().open()) {
        oldest.remove();
      }
    }
  }

  private static WalletTx with(
      WalletTx t, TxState state, long height, Hash32 blockHash, String reason) {
    return new WalletTx(
        t.txid(), t.amount(), t.fee(), state, height, blockHash, reason, t.timeMillis());
  }
}
