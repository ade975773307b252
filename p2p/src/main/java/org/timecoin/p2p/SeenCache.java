package org.timecoin.p2p;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

/**
 * Hashes of gossip payloads already delivered or sent, bounded by entry count so a flood of
 * distinct messages evicts old entries instead of growing memory. The hash covers the type byte, so
 * equal payloads of different types are different messages.
 */
final class SeenCache {
  private final Cache<Hash32, Boolean> seen;

  SeenCache(int maxEntries) {
    // Maintenance runs on the calling thread: no extra pool, nothing handed to other threads.
    this.seen = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  static Hash32 key(int type, byte[] payload) {
    return Sha256.hash(new byte[] {(byte) type}, payload);
  }

  /** Records the message; true when it had not been seen before. */
  boolean firstSight(int type, byte[] payload) {
    return seen.asMap().putIfAbsent(key(type, payload), Boolean.TRUE) == null;
  }

  void markSeen(int type, byte[] payload) {
    seen.put(key(type, payload), Boolean.TRUE);
  }
}
