package org.timecoin.node.devnet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.mempool.Mempool;

/**
 * Valid signed transfers at a steady rate: each spends one of the load key's outputs and pays it
 * back to the same key minus the fee, so an output becomes spendable again once its block is final.
 * Measures finality (submit → finalized on the observing node) and committed transactions.
 */
public final class LoadGenerator {
  /** Value of each genesis output of the load key. */
  public static final long COIN = Amounts.ofTime(10);

  private final KeyPair key =
      KeyPair.fromSeed(Sha256.digest("timecoin devnet load key".getBytes()));
  private final Address address = Address.fromPublicKey(key.publicKey());
  private final Deque<OutPoint> spendable = new ArrayDeque<>();
  private final Map<OutPoint, Long> values = new ConcurrentHashMap<>();
  private final Map<Hash32, Long> submittedAtNanos = new ConcurrentHashMap<>();
  private final AtomicLong committed = new AtomicLong();
  private final List<Long> latenciesNanos = new ArrayList<>();
  private final Clock clock;
  private Hash32 chainId;
  private ConsensusParams params;
  private long seq;

  public LoadGenerator(Clock clock) {
    this.clock = clock;
  }

  /** The genesis outputs the load key needs: {@code count} outputs of {@link #COIN}. */
  public List<TxOut> genesisAllocations(int count) {
    List<TxOut> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new TxOut(COIN, address));
    }
    return out;
  }

  /** Learns the load key's genesis outputs. */
  public synchronized void init(Hash32 chainId, ConsensusParams params, Transaction genesisTx) {
    this.chainId = chainId;
    this.params = params;
    for (int i = 0; i < genesisTx.outputs().size(); i++) {
      TxOut o = genesisTx.outputs().get(i);
      if (o.address().equals(address)) {
        OutPoint p = genesisTx.outPoint(i);
        spendable.add(p);
        values.put(p, o.amount());
      }
    }
  }

  /** Builds and submits up to {@code count} transfers, spreading them over {@code mempools}. */
  public void submit(int count, List<Mempool> mempools) {
    for (int i = 0; i < count; i++) {
      Transaction tx = next();
      if (tx == null) {
        return; // every output is waiting for its block
      }
      submittedAtNanos.put(tx.txid(), clock.monoNanos());
      Mempool m = mempools.get((int) (Math.floorMod(seq, mempools.size())));
      m.submit(tx)
          .thenAccept(
              r -> {
                if (!r.admitted()) {
                  submittedAtNanos.remove(tx.txid());
                  recycle(tx);
                }
              });
    }
  }

  private synchronized Transaction next() {
    OutPoint from = spendable.poll();
    if (from == null) {
      return null;
    }
    long value = values.remove(from);
    long fee = params.requiredFee(value);
    seq++;
    return new TxBuilder()
        .input(from, key)
        .output(value - fee, address)
        .timestamp(seq)
        .sign(chainId);
  }

  private synchronized void recycle(Transaction tx) {
    OutPoint p = tx.inputs().get(0).prev();
    values.put(p, tx.outputs().get(0).amount() + params.requiredFee(tx.outputs().get(0).amount()));
    spendable.add(p);
  }

  /** A block was finalized on the observing node: its transfers are done and their outputs free. */
  public void onBlock(Block block) {
    long now = clock.monoNanos();
    for (Transaction tx : block.txs()) {
      Long at = submittedAtNanos.remove(tx.txid());
      if (at == null) {
        continue;
      }
      committed.incrementAndGet();
      synchronized (this) {
        latenciesNanos.add(now - at);
        OutPoint out = tx.outPoint(0);
        values.put(out, tx.outputs().get(0).amount());
        spendable.add(out);
      }
    }
  }

  /** Committed count, p50 and p99 finality in ms since the last call (then reset). */
  public synchronized Window takeWindow() {
    long[] l = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    latenciesNanos.clear();
    long c = committed.getAndSet(0);
    return new Window(c, percentileMs(l, 50), percentileMs(l, 99), spendable.size());
  }

  private static long percentileMs(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100.0) - 1);
    return sorted[Math.max(0, i)] / 1_000_000;
  }

  /** Figures of one reporting window. */
  public record Window(long committed, long p50Ms, long p99Ms, int spendable) {
    @Override
    public String toString() {
      return Arrays.toString(new long[] {committed, p50Ms, p99Ms});
    }
  }
}
