package org.timecoin.node.mempool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.config.SecuritySection;

/**
 * How much each peer may relay to us per second, in transactions, bytes and inputs (each input
 * costs a UTXO lookup): the network limits messages, and one batch message carries up to 2,048
 * transactions. A batch is charged to the sender's node key and to its IP address, and both
 * allowances are kept for {@code keep} (the ban duration) after their last use, so a peer that
 * reconnects, or comes back under a fresh key from the same address, finds them as it left them. An
 * address has {@link #PEERS_PER_ADDRESS} times a key's allowance: several honest nodes may share
 * one. Both maps are bounded in entries. Thread-safe.
 */
public final class PeerTxBudget {
  /** Allowances kept per kind (keys, addresses), at most. */
  static final int MAX_TRACKED = 10_000;

  /** An address may carry this many nodes' worth of transactions. */
  static final int PEERS_PER_ADDRESS = 4;

  /** Per second, per peer; each also the burst (one second's worth). */
  public record Limits(double txs, double bytes, double inputs) {
    /** From {@code [security]}. */
    public static Limits of(SecuritySection s) {
      return new Limits(
          s.peerMessagesPerSecond(), s.peerTxBytesPerSecond(), s.peerTxInputsPerSecond());
    }

    public Limits {
      if (!(txs >= 1 && bytes >= 1 && inputs >= 1)) {
        throw new IllegalArgumentException("transaction budget needs every rate >= 1");
      }
    }

    Limits times(int n) {
      return new Limits(txs * n, bytes * n, inputs * n);
    }
  }

  private final Limits perKey;
  private final Limits perAddress;
  private final Clock clock;
  private final Cache<PublicKey, Allowance> byKey;
  private final Cache<InetAddress, Allowance> byAddress;

  /** Kept at least this long: an allowance unused for a second is full again anyway. */
  static final Duration MIN_KEEP = Duration.ofSeconds(1);

  public PeerTxBudget(Limits perKey, Duration keep, Clock clock) {
    if (keep.compareTo(MIN_KEEP) < 0) {
      keep = MIN_KEEP;
    }
    this.perKey = perKey;
    this.perAddress = perKey.times(PEERS_PER_ADDRESS);
    this.clock = clock;
    Ticker ticker = clock::monoNanos;
    this.byKey =
        Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED)
            .expireAfterAccess(keep)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    this.byAddress =
        Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED)
            .expireAfterAccess(keep)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Charges a batch to {@code peer} and to {@code address}; false, and nothing charged, when either
   * lacks the allowance.
   */
  public synchronized boolean take(
      PublicKey peer, InetAddress address, int txs, long bytes, long inputs) {
    long now = clock.monoNanos();
    Allowance key = byKey.get(peer, k -> new Allowance(perKey, now));
    Allowance addr = byAddress.get(address, a -> new Allowance(perAddress, now));
    key.refill(now);
    addr.refill(now);
    if (!key.covers(txs, bytes, inputs) || !addr.covers(txs, bytes, inputs)) {
      return false;
    }
    key.take(txs, bytes, inputs);
    addr.take(txs, bytes, inputs);
    return true;
  }

  /** Addresses with an allowance kept, for tests. */
  synchronized long trackedAddresses() {
    byAddress.cleanUp();
    return byAddress.estimatedSize();
  }

  /** Token buckets for the three measures, refilled together. Guarded by the budget's lock. */
  private static final class Allowance {
    private final Limits limits;
    private double txs;
    private double bytes;
    private double inputs;
    private long lastNanos;

    Allowance(Limits limits, long nowNanos) {
      this.limits = limits;
      this.txs = limits.txs();
      this.bytes = limits.bytes();
      this.inputs = limits.inputs();
      this.lastNanos = nowNanos;
    }

    void refill(long nowNanos) {
      double seconds = Math.max(0, nowNanos - lastNanos) / 1e9;
      lastNanos = Math.max(lastNanos, nowNanos);
      txs = Math.min(limits.txs(), txs + seconds * limits.txs());
      bytes = Math.min(limits.bytes(), bytes + seconds * limits.bytes());
      inputs = Math.min(limits.inputs(), inputs + seconds * limits.inputs());
    }

    boolean covers(int t, long b, long i) {
      return txs >= t && bytes >= b && inputs >= i;
    }

    void take(int t, long b, long i) {
      txs -= t;
      bytes -= b;
      inputs -= i;
    }
  }
}
