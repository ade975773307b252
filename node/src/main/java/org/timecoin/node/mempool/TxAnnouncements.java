package org.timecoin.node.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;
import org.timecoin.node.net.TxIds;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimit;

/**
 * Transaction relay by announcement: a peer's TX_INV names admitted transactions, we ask (GET_TXS)
 * for those we neither hold nor asked for lately, and answer others' requests from the mempool. The
 * transactions themselves then come as ordinary {@code TXS} batches, charged to the sender's budget
 * by {@link TransactionHandler}.
 *
 * <p>Each transaction is asked of one announcer at a time; when that peer has not delivered it
 * within {@link #ASK_AGAIN_AFTER_NANOS}, the next peer to announce it is asked. Bounded: at most
 * {@link TxIds#MAX_IDS} ids per message, a per-peer message rate, and {@value #ASKED_KEPT} recent
 * requests remembered (an id forgotten early is at worst asked twice).
 */
public final class TxAnnouncements {
  /**
   * A peer asked for a transaction gets this long to deliver it before another announcer is asked.
   * Generous (Bitcoin Core waits a minute): under load an answer waits behind other work, and a
   * second request then only doubles the traffic; a block that names a transaction we still lack
   * fetches it with the block.
   */
  static final long ASK_AGAIN_AFTER_NANOS = 10_000_000_000L;

  static final int ASKED_KEPT = 1 << 17;

  private final PeerNetwork network;
  private final Predicate<Hash32> known;
  private final Function<Hash32, Optional<Transaction>> waiting;
  private final Clock clock;
  private final int maxBatchBytes;
  private final RecentMap<Hash32, Long> asked = new RecentMap<>(ASKED_KEPT);
  private final LongAdder requested = new LongAdder();
  private final LongAdder served = new LongAdder();

  /**
   * @param known whether a transaction is waiting in the mempool, was stored lately, or arrived and
   *     is being admitted
   * @param waiting a waiting transaction by txid
   * @param maxBatchBytes bytes of transactions per answer frame, at most (one larger transaction
   *     goes alone)
   */
  public TxAnnouncements(
      PeerNetwork network,
      Predicate<Hash32> known,
      Function<Hash32, Optional<Transaction>> waiting,
      Clock clock,
      int maxBatchBytes) {
    this.network = network;
    this.known = known;
    this.waiting = waiting;
    this.clock = clock;
    this.maxBatchBytes = maxBatchBytes;
  }

  /** Both message types on {@code lane} (the transaction lane), {@code perPeer} each a second. */
  public void register(RateLimit perPeer, Executor lane) {
    network.register(NodeMessages.TX_INV.withRateLimit(perPeer), this::onAnnounced, lane);
    network.register(NodeMessages.GET_TXS.withRateLimit(perPeer), this::onRequested, lane);
  }

  void onAnnounced(PublicKey from, TxIds announced) {
    long now = clock.monoNanos();
    List<Hash32> want = new ArrayList<>();
    for (Hash32 id : announced.ids()) {
      if (known.test(id)) {
        continue;
      }
      Long since = asked.get(id);
      if (since != null && now - since < ASK_AGAIN_AFTER_NANOS) {
        continue;
      }
      asked.put(id, now);
      want.add(id);
    }
    if (want.isEmpty()) {
      return;
    }
    if (network.send(from, NodeMessages.GET_TXS, new TxIds(want))) {
      requested.add(want.size());
    } else {
      want.forEach(asked::remove); // not asked after all: the next announcer may be
    }
  }

  void onRequested(PublicKey from, TxIds request) {
    List<Transaction> batch = new ArrayList<>();
    long bytes = 0;
    for (Hash32 id : request.ids()) {
      Transaction tx = waiting.apply(id).orElse(null);
      if (tx == null) {
        continue; // stored in a block since, or never here
      }
      if (!batch.isEmpty() && bytes + tx.encodedSize() > maxBatchBytes) {
        answer(from, batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(tx);
      bytes += tx.encodedSize();
    }
    if (!batch.isEmpty()) {
      answer(from, batch);
    }
  }

  private void answer(PublicKey to, List<Transaction> batch) {
    served.add(batch.size());
    network.send(to, NodeMessages.TXS, new TxBatch(batch));
  }

  /** Transactions asked of announcers so far. */
  public long requested() {
    return requested.sum();
  }

  /** Transactions sent to peers that asked. */
  public long served() {
    return served.sum();
  }
}
