package org.timecoin.p2p;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Per-message-type token buckets that outlive connections: one set per authenticated node key and
 * one per IP address, remembered for the ban period after their last use, so a peer that reconnects
 * finds its buckets as it left them. Keys are free to make, so the address pays too: its buckets
 * hold {@code connectionsPerIp} times a peer's budget, what that many honest peers behind one
 * address may spend together. Both maps are bounded (least recently used entries make room), so a
 * flood of keys or addresses cannot grow them.
 */
final class PeerBudgets {
  static final int MAX_TRACKED = 4096;

  private final Clock clock;
  private final long memoryNanos;
  private final int connectionsPerIp;
  private final boolean budgetLoopback;
  private final Map<PublicKey, Budget> byKey = lru();
  private final Map<InetAddress, Budget> byIp = lru();

  PeerBudgets(Clock clock, Duration memory, int connectionsPerIp, boolean budgetLoopback) {
    this.clock = clock;
    this.memoryNanos = memory.toNanos();
    this.connectionsPerIp = connectionsPerIp;
    this.budgetLoopback = budgetLoopback;
  }

  synchronized Budget forKey(PublicKey key) {
    return lookup(byKey, key, 1);
  }

  synchronized Budget forIp(InetAddress ip) {
    if (ip.isLoopbackAddress() && !budgetLoopback) {
      return Budget.FREE;
    }
    return lookup(byIp, ip, connectionsPerIp);
  }

  synchronized int size() {
    return byKey.size() + byIp.size();
  }

  private <K> Budget lookup(Map<K, Budget> map, K who, int scale) {
    long now = clock.monoNanos();
    Budget b = map.get(who);
    if (b == null || b.idleSince(now) >= memoryNanos) {
      b = new Budget(scale, now);
      map.put(who, b);
    }
    return b;
  }

  /** One subject's buckets, by message type; shared by its connections, so synchronized. */
  static final class Budget {
    /** Never runs out: for addresses that are not budgeted. */
    static final Budget FREE = new Budget(0, 0);

    private final int scale;
    private final Map<Integer, TokenBucket> buckets = new HashMap<>();
    private long lastUsedNanos;

    private Budget(int scale, long nowNanos) {
      this.scale = scale;
      this.lastUsedNanos = nowNanos;
    }

    /** Takes one token of {@code type}'s bucket (shaped by {@code limit}) if there is one. */
    synchronized boolean tryAcquire(int type, RateLimit limit, long nowNanos) {
      lastUsedNanos = nowNanos;
      if (limit.unlimited() || scale == 0) {
        return true;
      }
      TokenBucket bucket = buckets.get(type);
      if (bucket == null) {
        bucket = new TokenBucket(scaled(limit), nowNanos);
        buckets.put(type, bucket);
      }
      return bucket.tryAcquire(nowNanos);
    }

    private RateLimit scaled(RateLimit limit) {
      if (scale == 1) {
        return limit;
      }
      long burst = Math.min(Integer.MAX_VALUE, (long) limit.burst() * scale);
      return new RateLimit(limit.perSecond() * scale, (int) burst);
    }

    private synchronized long idleSince(long nowNanos) {
      return nowNanos - lastUsedNanos;
    }
  }

  private static <K> Map<K, Budget> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Budget> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }
}
