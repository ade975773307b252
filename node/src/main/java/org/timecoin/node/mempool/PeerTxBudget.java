package org.timecoin.node.mempool;

import java.util.HashMap;
import java.util.Map;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.RateLimit;
import org.timecoin.p2p.TokenBucket;

/**
 * How many transactions each peer may relay to us per second, counted per transaction: the network
 * limits messages, and one batch message carries up to 2,048 transactions. Thread-safe.
 */
public final class PeerTxBudget {
  private final RateLimit limit;
  private final Clock clock;
  private final Map<PublicKey, TokenBucket> buckets = new HashMap<>();

  public PeerTxBudget(RateLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Charges {@code txs} transactions to {@code peer}; false (and nothing charged) over budget. */
  public synchronized boolean take(PublicKey peer, int txs) {
    long now = clock.monoNanos();
    return buckets.computeIfAbsent(peer, p -> new TokenBucket(limit, now)).tryAcquire(now, txs);
  }

  /** Drops a disconnected peer's bucket. */
  public synchronized void forget(PublicKey peer) {
    buckets.remove(peer);
  }
}
