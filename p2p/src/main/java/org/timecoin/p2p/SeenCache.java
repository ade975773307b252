package org.timecoin.p2p;

import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.collect.RecentMap;

/**
 * Hashes of gossip payloads already delivered or sent, bounded by entry count so a flood of
 * distinct messages evicts the oldest entries instead of growing memory ({@link RecentMap}: the
 * newest are always held, which a frequency-based cache does not do for keys read once or twice).
 * The hash covers the type byte, so equal payloads of different types are different messages.
 */
final class SeenCache {
  private final RecentMap<Hash32, Boolean> seen;

  SeenCache(int maxEntries) {
    this.seen = new RecentMap<>(maxEntries);
  }

  static Hash32 key(int type, byte[] payload) {
    return Sha256.hash(new byte[] {(byte) type}, payload);
  }

  /** Records the message; true when it had not been seen before. */
  boolean firstSight(int type, byte[] payload) {
    return seen.putIfAbsent(key(type, payload), Boolean.TRUE) == null;
  }

  void markSeen(int type, byte[] payload) {
    seen.put(key(type, payload), Boolean.TRUE);
  }
}
