package org.timecoin.common.collect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded map that forgets its oldest insertions first: the newest {@code capacity} keys are
 * always held. This is what "seen lately" records need (outputs spent by recent blocks, txids
 * lately stored or verified, gossip already delivered): each key is written once and read a few
 * times soon after. A frequency-based cache is wrong for them: once full, it keeps the old keys and
 * refuses almost every new one, because a new key has no reads yet. Thread-safe; every operation is
 * O(1) under one lock.
 */
public final class RecentMap<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> map;

  public RecentMap(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.map =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > RecentMap.this.capacity;
          }
        };
  }

  public synchronized void put(K key, V value) {
    map.put(key, value);
  }

  /** Adds the key unless held; the value already held, or null when this added it. */
  public synchronized V putIfAbsent(K key, V value) {
    return map.putIfAbsent(key, value);
  }

  public synchronized V get(K key) {
    return map.get(key);
  }

  public synchronized boolean containsKey(K key) {
    return map.containsKey(key);
  }

  public synchronized V remove(K key) {
    return map.remove(key);
  }

  /** Removes the given keys; the values they had, for those held. */
  public synchronized Map<K, V> removeAll(Collection<K> keys) {
    Map<K, V> removed = new HashMap<>();
    for (K k : keys) {
      V v = map.remove(k);
      if (v != null) {
        removed.put(k, v);
      }
    }
    return removed;
  }

  /** A copy of the values, oldest first, so a caller can walk them without holding the lock. */
  public synchronized List<V> values() {
    return new ArrayList<>(map.values());
  }

  public synchronized void clear() {
    map.clear();
  }

  public synchronized int size() {
    return map.size();
  }

  public int capacity() {
    return capacity;
  }
}
