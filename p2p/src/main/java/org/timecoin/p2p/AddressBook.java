package org.timecoin.p2p;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.time.Clock;

/**
 * Addresses we know of, learned from config, handshakes and ADDR messages, with dial bookkeeping:
 * consecutive failures, when the next attempt is allowed (capped backoff) and whether an address
 * turned out to be our own. Thread-safe; every method is short and never blocks.
 */
final class AddressBook {
  private static final class Entry {
    final PeerAddress address;
    long lastSuccessMillis;
    int failures;
    long nextAttemptNanos;
    boolean self;

    Entry(PeerAddress address, long nowNanos) {
      this.address = address;
      this.nextAttemptNanos = nowNanos;
    }
  }

  private final Clock clock;
  private final Backoff backoff;
  private final int maxEntries;
  private final Map<PeerAddress, Entry> entries = new LinkedHashMap<>();
  private boolean dirty;

  AddressBook(Clock clock, Backoff backoff, int maxEntries) {
    this.clock = clock;
    this.backoff = backoff;
    this.maxEntries = maxEntries;
  }

  /** Adds an address if new and there is room; true when it was added. */
  synchronized boolean add(PeerAddress address) {
    if (entries.containsKey(address) || entries.size() >= maxEntries) {
      return false;
    }
    entries.put(address, new Entry(address, clock.monoNanos()));
    dirty = true;
    return true;
  }

  synchronized void load(List<AddressBookFile.Entry> saved) {
    for (AddressBookFile.Entry e : saved) {
      if (add(e.address())) {
        entries.get(e.address()).lastSuccessMillis = e.lastSuccessMillis();
      }
    }
    dirty = false;
  }

  synchronized void markSelf(PeerAddress address) {
    add(address);
    Entry e = entries.get(address);
    if (e != null) {
      e.self = true;
    }
  }

  synchronized void recordSuccess(PeerAddress address) {
    add(address);
    Entry e = entries.get(address);
    if (e != null) {
      e.failures = 0;
      e.lastSuccessMillis = clock.wallMillis();
      dirty = true;
    }
  }

  /** A failed dial or a lost connection: the next attempt waits a growing, jittered delay. */
  synchronized void recordFailure(PeerAddress address) {
    Entry e = entries.get(address);
    if (e != null) {
      e.failures++;
      e.nextAttemptNanos = clock.monoNanos() + backoff.delayNanos(e.failures);
    }
  }

  /** Addresses worth dialling now: not ours, not excluded, past their backoff; best first. */
  synchronized List<PeerAddress> dialable(Set<PeerAddress> exclude, int limit) {
    long now = clock.monoNanos();
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (!e.self && !exclude.contains(e.address) && now - e.nextAttemptNanos >= 0) {
        candidates.add(e);
      }
    }
    candidates.sort(
        Comparator.comparingInt((Entry e) -> e.failures).thenComparing(e -> -e.lastSuccessMillis));
    return candidates.stream().limit(limit).map(e -> e.address).toList();
  }

  /** Addresses to share in an ADDR reply: never ours, recently working ones first. */
  synchronized List<PeerAddress> shareable(int limit) {
    return entries.values().stream()
        .filter(e -> !e.self)
        .sorted(
            Comparator.comparingInt((Entry e) -> e.failures)
                .thenComparing(e -> -e.lastSuccessMillis))
        .limit(limit)
        .map(e -> e.address)
        .toList();
  }

  /** The entries to persist, or null when nothing changed since the last call. */
  synchronized List<AddressBookFile.Entry> takeChanges() {
    if (!dirty) {
      return null;
    }
    dirty = false;
    return snapshot();
  }

  synchronized List<AddressBookFile.Entry> snapshot() {
    return entries.values().stream()
        .filter(e -> !e.self)
        .map(e -> new AddressBookFile.Entry(e.address, e.lastSuccessMillis))
        .toList();
  }

  synchronized int size() {
    return entries.size();
  }
}
