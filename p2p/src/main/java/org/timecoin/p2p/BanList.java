package org.timecoin.p2p;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Misbehaviour points per IP address and temporary bans. A ban covers the address and, when known,
 * the node key, so a banned node can neither reconnect from the same host nor reuse its key from
 * another. Loopback addresses are banned only if configured (see {@link
 * P2pConfig#banLoopbackAddresses()}). Points are forgotten when a ban is imposed or after a ban
 * duration without offences; bans end after the configured duration. Every map is capped, so a
 * flood of addresses cannot grow them without bound.
 */
final class BanList {
  private static final int MAX_TRACKED = 10_000;

  private record Offences(int points, long lastNanos) {}

  private final Clock clock;
  private final long banNanos;
  private final int threshold;
  private final boolean banLoopback;
  private final Map<InetAddress, Offences> points = bounded();
  private final Map<InetAddress, Long> bannedIps = bounded();
  private final Map<PublicKey, Long> bannedKeys = bounded();

  BanList(Clock clock, Duration banDuration, int threshold, boolean banLoopback) {
    this.clock = clock;
    this.banNanos = banDuration.toNanos();
    this.threshold = threshold;
    this.banLoopback = banLoopback;
  }

  synchronized boolean isBanned(InetAddress ip) {
    return active(bannedIps, ip);
  }

  synchronized boolean isBanned(PublicKey key) {
    return active(bannedKeys, key);
  }

  /** Adds points to {@code ip}; true when this (or an earlier) penalty left it banned. */
  synchronized boolean penalize(InetAddress ip, PublicKey key, int penalty) {
    if (active(bannedIps, ip) || (key != null && active(bannedKeys, key))) {
      return true;
    }
    long now = clock.monoNanos();
    Offences previous = points.get(ip);
    int total = penalty;
    if (previous != null && now - previous.lastNanos() < banNanos) {
      total += previous.points();
    }
    if (total < threshold) {
      points.remove(ip); // re-inserted last: the map evicts the longest-quiet offender first
      points.put(ip, new Offences(total, now));
      return false;
    }
    points.remove(ip);
    if (banLoopback || !ip.isLoopbackAddress()) {
      bannedIps.put(ip, now + banNanos);
    }
    if (key != null) {
      bannedKeys.put(key, now + banNanos);
    }
    return true;
  }

  /** Insertion-ordered and capped: when full, the oldest entry makes room. */
  private static <K, V> Map<K, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > MAX_TRACKED;
      }
    };
  }

  private <K> boolean active(Map<K, Long> bans, K key) {
    Long until = bans.get(key);
    if (until == null) {
      return false;
    }
    if (clock.monoNanos() - until >= 0) {
      bans.remove(key);
      return false;
    }
    return true;
  }
}
