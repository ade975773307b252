package org.timecoin.node.mempool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerMessageHandler;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimit;

/**
 * The transaction protocol: batches of transactions peers relay. A batch is first charged to the
 * sender's budget (transactions, bytes and inputs, per node key and per address); a sender over
 * budget loses the batch and some standing. Transactions not yet known go to the mempool, which is
 * told not to relay them back; each refusal the mempool blames on the sender (an invalid
 * transaction, or one spending an output the chain spent a while ago) costs the sender points, and
 * once a sender relayed an invalid one, the rest of what it sent is dropped without lookups or
 * signature checks.
 */
public final class TransactionHandler implements PeerMessageHandler<TxBatch> {
  /** Standing a peer loses per batch over its budget. */
  static final int FLOOD_PENALTY = 10;

  /**
   * Per invalid transaction, the network's default ban threshold: an honest node verifies all it
   * relays, so one is proof enough (Bitcoin Core also cuts off peers relaying consensus-invalid
   * transactions).
   */
  static final int INVALID_PENALTY = 100;

  /**
   * Per transaction spending an output spent long enough ago; a node far behind the chain could
   * relay one honestly, so it costs less.
   */
  static final int SPENT_PENALTY = 5;

  private final PeerNetwork network;
  private final Mempool mempool;
  private final TxRelay relay;
  private final PeerTxBudget budget;
  private final LongAdder overBudget = new LongAdder();

  /**
   * Senders lately found relaying an invalid transaction: what else they sent is dropped without
   * lookups or signature checks. A minute covers the batches already on their way.
   */
  private final Cache<PublicKey, Boolean> caught =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

  private final LongAdder blamed = new LongAdder();

  /**
   * Transactions peers sent whose admission is under way: a compact proposal that names one is
   * rebuilt with it instead of fetching it. Bounded; an entry lost early only costs a fetch.
   */
  private final RecentMap<Hash32, Transaction> arriving = new RecentMap<>(ARRIVING_KEPT);

  static final int ARRIVING_KEPT = 1 << 15;

  public TransactionHandler(
      PeerNetwork network, Mempool mempool, TxRelay relay, PeerTxBudget budget) {
    this.network = network;
    this.mempool = mempool;
    this.relay = relay;
    this.budget = budget;
  }

  /**
   * Registers for transaction batches, each peer limited to {@code perPeer} batches a second,
   * delivered on {@code lane}: a flood of transactions then never queues ahead of votes.
   */
  public void register(RateLimit perPeer, Executor lane) {
    network.register(NodeMessages.TXS.withRateLimit(perPeer), this, lane);
  }

  @Override
  public void onMessage(PublicKey from, TxBatch batch) {
    Optional<InetAddress> address =
        network.peer(from).map(PeerInfo::remoteAddress).map(a -> a.getAddress());
    if (address.isEmpty() || caughtRelayingInvalid(from)) {
      return; // gone while the batch waited, or lately caught relaying invalid transactions
    }
    long bytes = 0;
    long inputs = 0;
    for (Transaction tx : batch.txs()) {
      bytes += tx.encodedSize();
      inputs += tx.inputs().size();
    }
    int txs = batch.txs().size();
    if (!budget.take(from, address.get(), txs, bytes, inputs)) {
      overBudget.increment();
      network.penalize(
          from,
          FLOOD_PENALTY,
          "relayed more transactions, bytes or inputs per second than its budget ("
              + txs
              + " transactions, "
              + bytes
              + " bytes, "
              + inputs
              + " inputs)");
      return;
    }
    for (Transaction tx : batch.txs()) {
      if (!mempool.knows(tx.txid())) {
        relay.receivedFrom(tx.txid(), from);
        arriving.put(tx.txid(), tx);
        mempool
            .submit(tx, () -> !caughtRelayingInvalid(from))
            .thenAccept(
                r -> {
                  arriving.remove(tx.txid());
                  if (!r.admitted()) {
                    relay.refused(r.txid());
                  }
                  blameIfDue(from, r);
                });
      }
    }
  }

  private void blameIfDue(PublicKey from, AdmitResult r) {
    int points =
        switch (r.fault()) {
          case NONE -> 0;
          case SPENDS_SPENT -> SPENT_PENALTY;
          case INVALID -> INVALID_PENALTY;
        };
    if (r.fault() == AdmitResult.Fault.INVALID) {
      caught.put(from, Boolean.TRUE);
    }
    if (points > 0) {
      blamed.increment();
      network.penalize(from, points, "relayed transaction " + r.txid() + ": " + r.code());
    }
  }

  private boolean caughtRelayingInvalid(PublicKey from) {
    return caught.getIfPresent(from) != null;
  }

  /** Calls {@code action} with each transaction peers sent whose admission is under way. */
  public void forEachArriving(java.util.function.Consumer<Transaction> action) {
    arriving.values().forEach(action);
  }

  /** Batches refused because their sender was over budget. */
  public long batchesOverBudget() {
    return overBudget.sum();
  }

  /** Relayed transactions whose refusal was charged to their sender. */
  public long transactionsBlamed() {
    return blamed.sum();
  }
}
