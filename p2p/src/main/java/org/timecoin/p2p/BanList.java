package org.timecoin.p2p;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Misbehaviour points per IP address and temporary bans. A ban covers the address and, when known,
 * the node key, so a banned node can neither reconnect from the same host nor reuse its key from
 * another. Points are forgotten when a ban is imposed; bans end after the configured duration.
 */
final class BanList {
  private final Clock clock;
  private final long banNanos;
  private final int threshold;
  private final Map<InetAddress, Integer> points = new HashMap<>();
  private final Map<InetAddress, Long> bannedIps = new HashMap<>();
  private final Map<PublicKey, Long> bannedKeys = new HashMap<>();

  BanList(Clock clock, Duration banDuration, int threshold) {
    this.clock = clock;
    this.banNanos = banDuration.toNanos();
    this.threshold = threshold;
  }

  synchronized boolean isBanned(InetAddress ip) {
    return active(bannedIps, ip);
  }

  synchronized boolean isBanned(PublicKey key) {
    return active(bannedKeys, key);
  }

  /** Adds points to {@code ip}; true when this (or an earlier) penalty left it banned. */
  synchronized boolean penalize(InetAddress ip, PublicKey key, int penalty) {
    if (active(bannedIps, ip)) {
      return true;
    }
    int total = points.merge(ip, penalty, Integer::sum);
    if (total < threshold) {
      return false;
    }
    points.remove(ip);
    long until = clock.monoNanos() + banNanos;
    bannedIps.put(ip, until);
    if (key != null) {
      bannedKeys.put(key, until);
    }
    return true;
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
