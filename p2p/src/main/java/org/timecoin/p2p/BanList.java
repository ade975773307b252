package org.timecoin.p2p;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Misbehaviour points and temporary bans, per IP address and per node key. A key is charged only
 * once it proved itself (its AUTH verified on the connection that misbehaved): before that anyone
 * can claim any key, so an unauthenticated connection's points go to its IP alone. An authenticated
 * offence is charged to both, and a ban then covers both, so a banned node can neither reconnect
 * from the same host nor reuse its key from another. Loopback addresses are banned only if
 * configured (see {@link P2pConfig#banLoopbackAddresses()}). Points are forgotten when a ban is
 * imposed or after a ban duration without offences; bans end after the configured duration. Every
 * map is capped, so a flood of addresses or keys cannot grow them without bound.
 */
final class BanList {
  private static final int MAX_TRACKED = 10_000;

  private record Offences(int points, long lastNanos) {}

  private final Clock clock;
  private final long banNanos;
  private final int threshold;
  private final boolean banLoopback;
  private final Map<InetAddress, Offences> ipPoints = bounded();
  private final Map<PublicKey, Offences> keyPoints = bounded();
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

  /**
   * Charges a connection whose node key is not proven: points to {@code ip} only. True when this
   * (or an earlier) penalty left the address banned.
   */
  synchronized boolean penalizeIp(InetAddress ip, int penalty) {
    if (active(bannedIps, ip)) {
      return true;
    }
    long now = clock.monoNanos();
    if (add(ipPoints, ip, penalty, now) < threshold) {
      return false;
    }
    ipPoints.remove(ip);
    return banIp(ip, now);
  }

  /**
   * Charges an authenticated node key and the address it connected from. The key is banned (with
   * its address) when its own points reach the threshold; the address alone when the points of all
   * keys seen from it do. True when the connection must go.
   */
  synchronized boolean penalizeKey(PublicKey key, InetAddress ip, int penalty) {
    if (active(bannedKeys, key) || active(bannedIps, ip)) {
      return true;
    }
    long now = clock.monoNanos();
    int byKey = add(keyPoints, key, penalty, now);
    int byIp = add(ipPoints, ip, penalty, now);
    if (byKey >= threshold) {
      keyPoints.remove(key);
      ipPoints.remove(ip);
      bannedKeys.put(key, now + banNanos);
      banIp(ip, now);
      return true;
    }
    if (byIp >= threshold) {
      ipPoints.remove(ip);
      return banIp(ip, now);
    }
    return false;
  }

  /** Points an address has gathered and not yet been forgiven or banned for. */
  synchronized int points(InetAddress ip) {
    return current(ipPoints, ip);
  }

  /** Points an authenticated key has gathered. */
  synchronized int points(PublicKey key) {
    return current(keyPoints, key);
  }

  private boolean banIp(InetAddress ip, long now) {
    if (banLoopback || !ip.isLoopbackAddress()) {
      bannedIps.put(ip, now + banNanos);
      return true;
    }
    return false;
  }

  private <K> int add(Map<K, Offences> points, K who, int penalty, long now) {
    int total = penalty + current(points, who);
    points.remove(who); // re-inserted last: the map evicts the longest-quiet offender first
    points.put(who, new Offences(total, now));
    return total;
  }

  private <K> int current(Map<K, Offences> points, K who) {
    Offences previous = points.get(who);
    if (previous == null || clock.monoNanos() - previous.lastNanos() >= banNanos) {
      return 0;
    }
    return previous.points();
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
