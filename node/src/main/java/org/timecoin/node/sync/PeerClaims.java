package org.timecoin.node.sync;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The heights peers claim and what they proved by serving blocks. A claim only decides whom to ask;
 * a peer that misses {@code maxMisses} range deadlines in a row is given up: it is not asked, and
 * its claim counts only as high as it served. Given-up peers are remembered (bounded) across
 * reconnections for {@code giveUpNanos}, and so are the misses of a peer that disconnected.
 *
 * <p>Not thread-safe: owned by {@link BlockSync} under its lock.
 */
final class PeerClaims {
  private static final int MAX_REMEMBERED = 1024;

  private static final class Claim {
    long claimed;
    long served;
    long lastServedNanos = Long.MIN_VALUE;
    int misses;
  }

  private final int maxMisses;
  private final long giveUpNanos;
  private final Map<PublicKey, Claim> claims = new HashMap<>();
  private final Map<PublicKey, Integer> missesOfDisconnected = bounded();
  private final Map<PublicKey, Long> givenUpUntil = bounded();
  private long provenHeight;

  PeerClaims(int maxMisses, long giveUpNanos) {
    this.maxMisses = maxMisses;
    this.giveUpNanos = giveUpNanos;
  }

  /** Records a height the peer announced; claims only grow while it stays connected. */
  void claim(PublicKey peer, long height) {
    Claim c = claimOf(peer);
    c.claimed = Math.max(c.claimed, height);
  }

  /** The peer served blocks up to {@code height}: that height is proven, its misses forgiven. */
  void served(PublicKey peer, long height, long nowNanos) {
    Claim c = claimOf(peer);
    c.served = Math.max(c.served, height);
    c.lastServedNanos = nowNanos;
    c.claimed = Math.max(c.claimed, height);
    c.misses = 0;
    provenHeight = Math.max(provenHeight, height);
  }

  /**
   * Whether the peer served some range since {@code sinceNanos}: it is alive and answering, and a
   * range it dropped meanwhile (over its serving budget, say) is no lie.
   */
  boolean servedSince(PublicKey peer, long sinceNanos) {
    Claim c = claims.get(peer);
    return c != null && c.lastServedNanos != Long.MIN_VALUE && c.lastServedNanos - sinceNanos >= 0;
  }

  /** The peer let a range deadline pass; true when that gave it up. */
  boolean missed(PublicKey peer, long nowNanos) {
    Claim c = claimOf(peer);
    c.misses++;
    if (c.misses < maxMisses || givenUp(peer, nowNanos)) {
      return false;
    }
    givenUpUntil.put(peer, nowNanos + giveUpNanos);
    return true;
  }

  boolean givenUp(PublicKey peer, long nowNanos) {
    Long until = givenUpUntil.get(peer);
    if (until == null) {
      return false;
    }
    if (nowNanos - until >= 0) {
      givenUpUntil.remove(peer);
      Claim c = claims.get(peer);
      if (c != null) {
        c.misses = 0;
      }
      return false;
    }
    return true;
  }

  /** What the peer's word is worth: its claim, or what it served once given up; -1 if unknown. */
  long effectiveHeight(PublicKey peer, long nowNanos) {
    Claim c = claims.get(peer);
    if (c == null) {
      return -1;
    }
    return givenUp(peer, nowNanos) ? c.served : c.claimed;
  }

  /** Deadlines the peer missed since it last served blocks. */
  int misses(PublicKey peer) {
    Claim c = claims.get(peer);
    return c == null ? 0 : c.misses;
  }

  /** The height the peer announced, or -1. */
  long claimed(PublicKey peer) {
    Claim c = claims.get(peer);
    return c == null ? -1 : c.claimed;
  }

  /** The best effective height among the peers {@code counted} accepts; 0 without any. */
  long best(Predicate<PublicKey> counted, long nowNanos) {
    long best = 0;
    for (PublicKey p : claims.keySet()) {
      if (counted.test(p)) {
        best = Math.max(best, effectiveHeight(p, nowNanos));
      }
    }
    return best;
  }

  /** The highest height a connected peer announced, trusted or not; -1 without any. */
  long bestClaimed() {
    long best = -1;
    for (Claim c : claims.values()) {
      best = Math.max(best, c.claimed);
    }
    return best;
  }

  /** The highest block any peer served us (with a valid certificate). */
  long provenHeight() {
    return provenHeight;
  }

  Iterable<PublicKey> peers() {
    return claims.keySet();
  }

  /**
   * Drops a disconnected peer's claim. Its misses are remembered (bounded), so reconnecting does
   * not wipe them, and a given-up peer stays given up.
   */
  void forget(PublicKey peer) {
    Claim c = claims.remove(peer);
    if (c != null && c.misses > 0) {
      missesOfDisconnected.put(peer, c.misses);
    }
  }

  private Claim claimOf(PublicKey peer) {
    return claims.computeIfAbsent(
        peer,
        p -> {
          Claim c = new Claim();
          Integer misses = missesOfDisconnected.remove(p);
          c.misses = misses == null ? 0 : misses;
          return c;
        });
  }

  private static <V> Map<PublicKey, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<PublicKey, V> eldest) {
        return size() > MAX_REMEMBERED;
      }
    };
  }

  int givenUpCount(long nowNanos) {
    givenUpUntil.values().removeIf(until -> nowNanos - until >= 0);
    return givenUpUntil.size();
  }
}
