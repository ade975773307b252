package org.timecoin.node.mempool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.common.time.Scheduler;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;
import org.timecoin.node.net.TxIds;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;

/**
 * Gossips admitted transactions in batches: whatever was admitted within {@link #DELAY} leaves in
 * one frame per peer. At thousands of transactions a second, one frame each would mean tens of
 * thousands of socket writes and event-loop wake-ups a second; batched, a few hundred. A batch
 * holds at most {@link TxBatch#MAX_TXS} transactions and about {@link #MAX_BATCH_BYTES} bytes, so
 * frames stay far below the frame limit (a transaction larger than that leaves alone). A
 * transaction is not sent back to the peer it came from.
 *
 * <p>Thread-safe: admissions arrive from the mempool's pool threads, flushes run on the scheduler.
 */
public final class TxRelay {
  /** How long an admitted transaction may wait for others to share its frame. */
  public static final Duration DELAY = Duration.ofMillis(10);

  /** Bytes of transactions in one batch, at most, unless one transaction alone is larger. */
  public static final int MAX_BATCH_BYTES = 1 << 20;

  private final PeerNetwork network;
  private final Scheduler scheduler;
  private final Duration delay;
  private final int maxBatch;
  private final int maxBatchBytes;

  /**
   * Whether peers get the txids (and ask for what they lack, see {@link TxAnnouncements}) instead
   * of the transactions: each transaction then crosses each link about once, not once per neighbour
   * that relays it.
   */
  private final boolean announce;

  /**
   * Origins kept at most: a few seconds of transactions at thousands a second. An origin evicted
   * early only means one copy sent back to its sender, which drops it as known.
   */
  static final int ORIGINS_KEPT = 1 << 17;

  /** The peer each transaction came from, while it waits to be relayed. */
  private final RecentMap<Hash32, PublicKey> origins = new RecentMap<>(ORIGINS_KEPT);

  private List<Transaction> pending = new ArrayList<>();
  private long pendingBytes;
  private boolean flushScheduled;

  /**
   * @param maxFrameBytes the network's frame limit: a batch takes at most a quarter of it
   */
  public TxRelay(PeerNetwork network, Scheduler scheduler, int maxFrameBytes, boolean announce) {
    this(
        network,
        scheduler,
        DELAY,
        TxBatch.MAX_TXS,
        Math.min(MAX_BATCH_BYTES, maxFrameBytes / 4),
        announce);
  }

  TxRelay(
      PeerNetwork network,
      Scheduler scheduler,
      Duration delay,
      int maxBatch,
      int maxBatchBytes,
      boolean announce) {
    if (maxBatch < 1 || maxBatch > TxBatch.MAX_TXS) {
      throw new IllegalArgumentException(
          "batch size " + maxBatch + " outside 1.." + TxBatch.MAX_TXS);
    }
    if (maxBatchBytes < 1) {
      throw new IllegalArgumentException("batch bytes " + maxBatchBytes + " below 1");
    }
    this.network = network;
    this.scheduler = scheduler;
    this.delay = delay;
    this.maxBatch = maxBatch;
    this.maxBatchBytes = maxBatchBytes;
    this.announce = announce;
  }

  /** Remembers that {@code from} sent us the transaction, so it is not sent back there. */
  public void receivedFrom(Hash32 txid, PublicKey from) {
    origins.putIfAbsent(txid, from); // the first sender; later copies come from others
  }

  /**
   * Whether a peer sent the transaction lately and it is not relayed yet: it is being admitted (or
   * was refused), so nobody needs to be asked for it.
   */
  public boolean receivedLately(Hash32 txid) {
    return origins.containsKey(txid);
  }

  /**
   * Forgets where a refused transaction came from: a later announcement of it is then asked for.
   */
  public void refused(Hash32 txid) {
    origins.remove(txid);
  }

  /**
   * Queues an admitted transaction; it leaves within {@link #DELAY}, or at once in a full batch.
   */
  public void relay(Transaction tx) {
    int size = tx.encodedSize();
    List<List<Transaction>> ready = new ArrayList<>(2);
    synchronized (this) {
      if (!pending.isEmpty() && pendingBytes + size > maxBatchBytes) {
        ready.add(takePending()); // it would overflow the batch: the batch leaves without it
      }
      pending.add(tx);
      pendingBytes += size;
      if (pending.size() >= maxBatch || pendingBytes >= maxBatchBytes) {
        ready.add(takePending());
      } else if (!flushScheduled) {
        flushScheduled = true;
        scheduler.schedule(delay, this::flushScheduled);
      }
    }
    ready.forEach(this::send);
  }

  private void flushScheduled() {
    List<Transaction> batch;
    synchronized (this) {
      flushScheduled = false;
      batch = takePending();
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
  }

  private List<Transaction> takePending() {
    List<Transaction> batch = pending;
    pending = new ArrayList<>();
    pendingBytes = 0;
    return batch;
  }

  private void send(List<Transaction> batch) {
    List<Hash32> txids = new ArrayList<>(batch.size());
    batch.forEach(tx -> txids.add(tx.txid()));
    Map<Hash32, PublicKey> from = origins.removeAll(txids);
    if (from.isEmpty()) {
      if (announce) {
        network.broadcast(NodeMessages.TX_INV, new TxIds(txids));
      } else {
        network.broadcast(NodeMessages.TXS, new TxBatch(batch));
      }
      return;
    }
    for (PeerInfo peer : network.peers()) {
      List<Transaction> forPeer = new ArrayList<>(batch.size());
      for (Transaction tx : batch) {
        if (!peer.nodeKey().equals(from.get(tx.txid()))) {
          forPeer.add(tx);
        }
      }
      if (forPeer.isEmpty()) {
        continue;
      }
      if (announce) {
        network.send(
            peer.nodeKey(),
            NodeMessages.TX_INV,
            new TxIds(forPeer.stream().map(Transaction::txid).toList()));
      } else {
        network.send(peer.nodeKey(), NodeMessages.TXS, new TxBatch(forPeer));
      }
    }
  }
}
