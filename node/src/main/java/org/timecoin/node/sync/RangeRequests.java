package org.timecoin.node.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The block ranges asked of peers and not yet answered, by first height. Not thread-safe: owned by
 * {@link BlockSync} under its lock.
 */
final class RangeRequests {
  record Request(PublicKey peer, long from, int count, long sentNanos) {
    long last() {
      return from + count - 1;
    }
  }

  private final TreeMap<Long, Request> byFrom = new TreeMap<>();

  int size() {
    return byFrom.size();
  }

  void add(Request r) {
    byFrom.put(r.from(), r);
  }

  /** The request starting at {@code from} made of {@code peer}, taken out; null if none. */
  Request answer(PublicKey peer, long from) {
    Request r = byFrom.get(from);
    if (r == null || !r.peer().equals(peer)) {
      return null;
    }
    byFrom.remove(from);
    return r;
  }

  /** The height after the request covering {@code height}, or {@code height} if none does. */
  long skipCovered(long height) {
    var floor = byFrom.floorEntry(height);
    return floor != null && floor.getValue().last() >= height
        ? floor.getValue().last() + 1
        : height;
  }

  /** The request covering {@code height}, or null when none does. */
  Request covering(long height) {
    var floor = byFrom.floorEntry(height);
    return floor != null && floor.getValue().last() >= height ? floor.getValue() : null;
  }

  void clear() {
    byFrom.clear();
  }

  void dropPeer(PublicKey peer) {
    byFrom.values().removeIf(r -> r.peer().equals(peer));
  }

  /** Requests in flight per peer. */
  Map<PublicKey, Integer> load() {
    Map<PublicKey, Integer> load = new HashMap<>();
    for (Request r : byFrom.values()) {
      load.merge(r.peer(), 1, Integer::sum);
    }
    return load;
  }

  /**
   * Drops the requests the tip overtook and those older than {@code deadlineNanos}; returns the
   * first late request of each peer that let one pass.
   */
  List<Request> expire(long tip, long nowNanos, long deadlineNanos) {
    Map<PublicKey, Request> late = new LinkedHashMap<>();
    var it = byFrom.values().iterator();
    while (it.hasNext()) {
      Request r = it.next();
      if (r.last() <= tip) {
        it.remove();
      } else if (nowNanos - r.sentNanos() > deadlineNanos) {
        it.remove();
        late.putIfAbsent(r.peer(), r);
      }
    }
    return new ArrayList<>(late.values());
  }
}
