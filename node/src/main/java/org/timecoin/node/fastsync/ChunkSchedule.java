package org.timecoin.node.fastsync;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Which snapshot chunk to ask which peer for. Every chunk not yet imported is asked from one peer
 * at a time, each peer having at most {@code perPeer} chunks in flight, so several peers serve in
 * parallel. A chunk that came back bad, or not within the deadline, is asked again from another
 * peer; a peer that sent a bad chunk is asked for nothing more.
 *
 * <p>Pure and not thread-safe: owned by the fast sync's thread; time is passed in.
 */
final class ChunkSchedule {
  /** A chunk asked from a peer, due by {@code deadlineNanos}. */
  record Request(PublicKey peer, int index, long deadlineNanos) {}

  private final int chunks;
  private final BitSet done;
  private final int perPeer;
  private final long deadlineNanos;
  private final Map<Integer, Request> inFlight = new HashMap<>();
  private final Map<PublicKey, Integer> load = new HashMap<>();
  private final Set<PublicKey> excluded = new HashSet<>();
  private final Map<Integer, Set<PublicKey>> missedBy = new HashMap<>();
  private final Set<Integer> arrived = new HashSet<>();

  ChunkSchedule(int chunks, BitSet done, int perPeer, long deadlineNanos) {
    if (perPeer < 1 || deadlineNanos <= 0) {
      throw new IllegalArgumentException("perPeer and the deadline must be positive");
    }
    this.chunks = chunks;
    this.done = (BitSet) done.clone();
    this.perPeer = perPeer;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * New requests that fill the free slots of {@code peers} (in their order) with the lowest chunks
   * neither imported nor in flight; a chunk a peer let pass its deadline goes to another peer
   * first.
   */
  List<Request> assign(List<PublicKey> peers, long nowNanos) {
    List<Request> out = new ArrayList<>();
    int next = done.nextClearBit(0);
    for (boolean progress = true; progress; ) {
      progress = false;
      for (PublicKey peer : peers) {
        if (excluded.contains(peer) || load.getOrDefault(peer, 0) >= perPeer) {
          continue;
        }
        int index = nextFor(peer, next);
        if (index < 0) {
          continue;
        }
        Request r = new Request(peer, index, nowNanos + deadlineNanos);
        inFlight.put(index, r);
        load.merge(peer, 1, Integer::sum);
        out.add(r);
        progress = true;
      }
    }
    return out;
  }

  /** The lowest free chunk from {@code from} that {@code peer} did not miss, else any free one. */
  private int nextFor(PublicKey peer, int from) {
    int fallback = -1;
    for (int i = done.nextClearBit(from); i < chunks; i = done.nextClearBit(i + 1)) {
      if (inFlight.containsKey(i)) {
        continue;
      }
      if (!missedBy.getOrDefault(i, Set.of()).contains(peer)) {
        return i;
      }
      if (fallback < 0) {
        fallback = i;
      }
    }
    return fallback;
  }

  /** True when {@code index} is in flight from {@code peer}: an answer worth importing. */
  boolean expected(PublicKey peer, int index) {
    Request r = inFlight.get(index);
    return r != null && r.peer().equals(peer);
  }

  /**
   * Chunk {@code index} arrived from the peer it was asked from and is being checked and stored:
   * its deadline no longer runs, however long the import takes.
   */
  void arrived(int index) {
    arrived.add(index);
  }

  /** Chunk {@code index} was imported. */
  void imported(int index) {
    release(index);
    done.set(index);
  }

  /** {@code peer} sent a bad chunk {@code index}: ask it elsewhere, and ask that peer no more. */
  void bad(PublicKey peer, int index) {
    release(index);
    excluded.add(peer);
  }

  /** {@code peer} is gone: its chunks in flight are free again. */
  void peerGone(PublicKey peer) {
    List<Integer> its = new ArrayList<>();
    inFlight.forEach(
        (i, r) -> {
          if (r.peer().equals(peer)) {
            its.add(i);
          }
        });
    its.forEach(this::release);
  }

  /** The requests past their deadline, freed to go to another peer; their peers are to blame. */
  List<Request> expire(long nowNanos) {
    List<Request> late = new ArrayList<>();
    for (Request r : inFlight.values()) {
      if (!arrived.contains(r.index()) && nowNanos - r.deadlineNanos() >= 0) {
        late.add(r);
      }
    }
    for (Request r : late) {
      release(r.index());
      missedBy.computeIfAbsent(r.index(), k -> new HashSet<>()).add(r.peer());
    }
    return late;
  }

  private void release(int index) {
    arrived.remove(index);
    Request r = inFlight.remove(index);
    if (r != null) {
      load.merge(r.peer(), -1, Integer::sum);
    }
  }

  /** Chunks imported so far. */
  int importedCount() {
    return done.cardinality();
  }

  int chunkCount() {
    return chunks;
  }

  boolean complete() {
    return done.nextClearBit(0) >= chunks;
  }

  /** Whether {@code peer} may still be asked (it sent no bad chunk). */
  boolean usable(PublicKey peer) {
    return !excluded.contains(peer);
  }
}
