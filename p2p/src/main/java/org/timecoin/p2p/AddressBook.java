package org.timecoin.p2p;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;

/**
 * Addresses we know of, after Bitcoin Core's addrman: a "new" table of addresses we heard of and a
 * "tried" table of addresses we reached (an outbound handshake succeeded), both split in small
 * buckets chosen by a keyed hash the peers cannot predict.
 *
 * <p>A new address lands in a bucket chosen by the network group of the peer that told us of it
 * (its source) and the address's own group, and each source group reaches only a few of the new
 * buckets, so one peer or one subnet, however many ADDR messages it sends, fills at most that share
 * of the table. A full bucket makes room only by evicting a terrible entry (it failed again and
 * again) or the oldest entry from the same source group as the newcomer; otherwise the newcomer is
 * dropped. Tried addresses are reached only through our own dials, so nothing a peer sends can
 * evict them; a full tried bucket moves its longest-unproven entry back to the new table.
 *
 * <p>Dial bookkeeping rides along: consecutive failures, when the next attempt is allowed (capped
 * backoff) and whether an address turned out to be our own. Thread-safe; every method is short and
 * never blocks.
 */
final class AddressBook {
  static final int BUCKET_SIZE = 16;

  /** A bucket's addresses fail this often in a row before newcomers may evict them. */
  private static final int TERRIBLE_FAILURES = 3;

  /** Source group of addresses from our own configuration and of ours. */
  static final String LOCAL_SOURCE = "local";

  private final Clock clock;
  private final Backoff backoff;
  private final byte[] secret;
  private final List<List<AddressEntry>> newBuckets;
  private final List<List<AddressEntry>> triedBuckets;
  private final int sourceSpread;
  private final int triedSpread;
  private final Map<PeerAddress, AddressEntry> entries = new HashMap<>();
  private boolean dirty;

  /**
   * @param capacity about how many addresses to keep: three quarters new, one quarter tried
   * @param secret the bucket hash key (random per node, so peers cannot aim at a bucket)
   */
  AddressBook(Clock clock, Backoff backoff, int capacity, byte[] secret) {
    this.clock = clock;
    this.backoff = backoff;
    this.secret = secret.clone();
    int newCount = Math.max(1, (capacity * 3 / 4 + BUCKET_SIZE - 1) / BUCKET_SIZE);
    int triedCount = Math.max(1, (capacity / 4 + BUCKET_SIZE - 1) / BUCKET_SIZE);
    this.newBuckets = buckets(newCount);
    this.triedBuckets = buckets(triedCount);
    this.sourceSpread = Math.max(1, newCount / 8);
    this.triedSpread = Math.max(1, triedCount / 4);
  }

  private static List<List<AddressEntry>> buckets(int n) {
    List<List<AddressEntry>> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new ArrayList<>(BUCKET_SIZE));
    }
    return list;
  }

  /**
   * Adds an address heard from {@code sourceGroup} (see {@link NetGroups#bookGroup}) to the new
   * table; true when it was added.
   */
  synchronized boolean add(PeerAddress address, String sourceGroup) {
    if (entries.containsKey(address)) {
      return false;
    }
    AddressEntry e =
        new AddressEntry(
            address,
            NetGroups.bookGroup(address.host()),
            sourceGroup,
            clock.wallMillis(),
            clock.monoNanos());
    return placeNew(e);
  }

  private boolean placeNew(AddressEntry e) {
    List<AddressEntry> bucket = newBuckets.get(newBucket(e));
    if (bucket.size() >= BUCKET_SIZE) {
      AddressEntry victim = evictable(bucket, e.sourceGroup);
      if (victim == null) {
        return false;
      }
      bucket.remove(victim);
      entries.remove(victim.address);
    }
    e.tried = false;
    bucket.add(e);
    entries.put(e.address, e);
    dirty = true;
    return true;
  }

  /** A terrible entry, else the oldest from {@code sourceGroup}; null when none may go. */
  private static AddressEntry evictable(List<AddressEntry> bucket, String sourceGroup) {
    AddressEntry oldestSameSource = null;
    for (AddressEntry e : bucket) {
      if (e.failures >= TERRIBLE_FAILURES) {
        return e;
      }
      if (e.sourceGroup.equals(sourceGroup)
          && (oldestSameSource == null || e.addedMillis < oldestSameSource.addedMillis)) {
        oldestSameSource = e;
      }
    }
    return oldestSameSource;
  }

  synchronized void load(List<AddressBookFile.Entry> saved) {
    for (AddressBookFile.Entry s : saved) {
      if (entries.containsKey(s.address())) {
        continue;
      }
      AddressEntry e =
          new AddressEntry(
              s.address(),
              NetGroups.bookGroup(s.address().host()),
              s.sourceGroup(),
              clock.wallMillis(),
              clock.monoNanos());
      e.lastSuccessMillis = s.lastSuccessMillis();
      if (s.tried()) {
        placeTried(e);
      } else {
        placeNew(e);
      }
    }
    dirty = false;
  }

  synchronized void markSelf(PeerAddress address) {
    add(address, LOCAL_SOURCE);
    AddressEntry e = entries.get(address);
    if (e != null) {
      e.self = true;
    }
  }

  /** Our handshake with an address we dialled succeeded: it moves to (or stays in) tried. */
  synchronized void recordSuccess(PeerAddress address) {
    AddressEntry e = entries.get(address);
    if (e == null) {
      e =
          new AddressEntry(
              address,
              NetGroups.bookGroup(address.host()),
              LOCAL_SOURCE,
              clock.wallMillis(),
              clock.monoNanos());
    } else if (!e.tried) {
      newBuckets.get(newBucket(e)).remove(e);
      entries.remove(address);
    }
    e.failures = 0;
    e.lastSuccessMillis = clock.wallMillis();
    if (!e.tried) {
      placeTried(e);
    }
    dirty = true;
  }

  private void placeTried(AddressEntry e) {
    List<AddressEntry> bucket = triedBuckets.get(triedBucket(e));
    if (bucket.size() >= BUCKET_SIZE) {
      AddressEntry stale =
          bucket.stream().min(Comparator.comparingLong(x -> x.lastSuccessMillis)).orElseThrow();
      bucket.remove(stale);
      entries.remove(stale.address);
      placeNew(stale);
    }
    e.tried = true;
    bucket.add(e);
    entries.put(e.address, e);
    dirty = true;
  }

  /** A failed dial or a lost connection: the next attempt waits a growing, jittered delay. */
  synchronized void recordFailure(PeerAddress address) {
    AddressEntry e = entries.get(address);
    if (e != null) {
      e.failures++;
      e.nextAttemptNanos = clock.monoNanos() + backoff.delayNanos(e.failures);
    }
  }

  /**
   * Addresses worth dialling now: not ours, not excluded, past their backoff; tried and new
   * alternate (tried first), each best first, so proven peers lead but new ones get their turn.
   */
  synchronized List<PeerAddress> dialable(Set<PeerAddress> exclude, int limit) {
    long now = clock.monoNanos();
    Predicate<AddressEntry> ready =
        e -> !e.self && !exclude.contains(e.address) && now - e.nextAttemptNanos >= 0;
    List<AddressEntry> tried = ranked(true, ready);
    List<AddressEntry> fresh = ranked(false, ready);
    List<PeerAddress> out = new ArrayList<>(Math.min(limit, tried.size() + fresh.size()));
    for (int i = 0; out.size() < limit && (i < tried.size() || i < fresh.size()); i++) {
      if (i < tried.size()) {
        out.add(tried.get(i).address);
      }
      if (i < fresh.size() && out.size() < limit) {
        out.add(fresh.get(i).address);
      }
    }
    return out;
  }

  /** Addresses to share in an ADDR reply: IP literals only, never ours, tried ones first. */
  synchronized List<PeerAddress> shareable(int limit) {
    Predicate<AddressEntry> ok = e -> !e.self && NetGroups.literal(e.address.host()) != null;
    List<PeerAddress> out = new ArrayList<>();
    for (AddressEntry e : ranked(true, ok)) {
      out.add(e.address);
    }
    for (AddressEntry e : ranked(false, ok)) {
      out.add(e.address);
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private List<AddressEntry> ranked(boolean tried, Predicate<AddressEntry> filter) {
    List<AddressEntry> list = new ArrayList<>();
    for (AddressEntry e : entries.values()) {
      if (e.tried == tried && filter.test(e)) {
        list.add(e);
      }
    }
    list.sort(
        Comparator.comparingInt((AddressEntry e) -> e.failures)
            .thenComparing(e -> -e.lastSuccessMillis)
            .thenComparing(e -> e.addedMillis));
    return list;
  }

  synchronized boolean contains(PeerAddress address) {
    return entries.containsKey(address);
  }

  synchronized boolean isTried(PeerAddress address) {
    AddressEntry e = entries.get(address);
    return e != null && e.tried;
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
        .map(e -> new AddressBookFile.Entry(e.address, e.lastSuccessMillis, e.tried, e.sourceGroup))
        .toList();
  }

  /** How many entries the tables hold at most. */
  int capacity() {
    return (newBuckets.size() + triedBuckets.size()) * BUCKET_SIZE;
  }

  synchronized int size() {
    return entries.size();
  }

  private int newBucket(AddressEntry e) {
    long slot = Long.remainderUnsigned(hash("N1", e.group, e.sourceGroup), sourceSpread);
    return (int) Long.remainderUnsigned(hash("N2", e.sourceGroup, slot), newBuckets.size());
  }

  private int triedBucket(AddressEntry e) {
    long slot = Long.remainderUnsigned(hash("T1", e.address.toString()), triedSpread);
    return (int) Long.remainderUnsigned(hash("T2", e.group, slot), triedBuckets.size());
  }

  private long hash(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object p : parts) {
      text.append(p).append('\0');
    }
    byte[] d = Sha256.digest(secret, text.toString().getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xFF);
    }
    return h;
  }
}
