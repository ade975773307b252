package org.timecoin.domain.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Public keys that signed validly lately, each held as one {@link PublicKey} instance that keeps
 * its decoded curve point. Every transaction decoded from the wire carries fresh key objects, so
 * without this each signature check decodes its key again (a square root in the field, about a
 * fifth of a verification); payers who spend several coins or pay again are verified with the point
 * decoded the first time. A key is kept only after a signature under it verified, so keys that are
 * not points, or that never signed anything valid, take no room. Bounded in entries; Caffeine's
 * admission by frequency keeps the keys that recur, so a flood of one-off keys does not evict them.
 * The answer of a verification is the same with or without this: the point is a pure function of
 * the key bytes. Thread-safe.
 */
public final class DecodedKeys {
  /** Each entry holds a key and its point: about 250 bytes. */
  public static final long DEFAULT_MAX_KEYS = 50_000;

  private final Cache<PublicKey, PublicKey> keys;

  public DecodedKeys(long maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be >= 1, got " + maxKeys);
    }
    // Upkeep (eviction, the frequency sketch) runs on the checking thread: it is small, and the
    // common fork-join pool is nobody's to take cores from during a block's validation.
    this.keys =
        Caffeine.newBuilder().maximumSize(maxKeys).executor(Runnable::run).recordStats().build();
  }

  /**
   * Verifies with the decoded point of the instance held for {@code key}'s bytes, if any; otherwise
   * with {@code key}, which is held from then on if the signature verified.
   */
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    PublicKey held = keys.getIfPresent(key);
    if (held != null) {
      return held.verify(message, signature);
    }
    boolean valid = key.verify(message, signature);
    if (valid) {
      keys.put(key, key);
    }
    return valid;
  }

  /** The instance held for {@code key}'s bytes, if any (tests). */
  PublicKey held(PublicKey key) {
    return keys.policy().getIfPresentQuietly(key);
  }

  public void clear() {
    keys.invalidateAll();
  }

  /** Lookups that found the key held, since start. */
  public long hitCount() {
    return keys.stats().hitCount();
  }

  /** All lookups since start. */
  public long lookupCount() {
    return keys.stats().requestCount();
  }
}
