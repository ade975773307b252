package org.timecoin.node.fastsync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.SnapshotMessages.Offer;

/**
 * The snapshots peers offered, grouped: peers offering the same manifest serve the same chunks.
 * Ranked highest first (least to replay afterwards), then by how many peers offer it. An offer is
 * only a claim; the certified header at its height decides. Pure; owned by one thread.
 */
final class SnapshotOffers {
  /** One snapshot and the peers offering it. */
  record Candidate(Offer offer, Set<PublicKey> peers) {}

  /** Most distinct snapshots remembered, so peers cannot grow this without bound. */
  static final int MAX_CANDIDATES = 64;

  private final Map<Hash32, Candidate> byManifest = new LinkedHashMap<>();

  /** Records what {@code peer} offers. */
  void add(PublicKey peer, List<Offer> offers) {
    for (Offer o : offers) {
      Candidate c = byManifest.get(o.manifestId());
      if (c == null) {
        // Height 0 holds no snapshot (and would fail the epoch arithmetic of the proof).
        if (byManifest.size() == MAX_CANDIDATES || o.chunks() < 1 || o.height() < 1) {
          continue;
        }
        c = new Candidate(o, new LinkedHashSet<>());
        byManifest.put(o.manifestId(), c);
      } else if (!c.offer().equals(o)) {
        continue; // same manifest id, other claims: a lie, ignored
      }
      c.peers().add(peer);
    }
  }

  /** Drops a candidate found false (or unusable). */
  void drop(Hash32 manifestId) {
    byManifest.remove(manifestId);
  }

  /** The peers offering {@code manifestId}. */
  Set<PublicKey> peersOf(Hash32 manifestId) {
    Candidate c = byManifest.get(manifestId);
    return c == null ? Set.of() : c.peers();
  }

  /** Forgets a peer that left. */
  void peerGone(PublicKey peer) {
    byManifest.values().forEach(c -> c.peers().remove(peer));
  }

  /** The candidates, best first. */
  List<Candidate> ranked() {
    List<Candidate> out = new ArrayList<>(byManifest.values());
    out.removeIf(c -> c.peers().isEmpty());
    out.sort(
        Comparator.comparingLong((Candidate c) -> c.offer().height())
            .reversed()
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.peers().size()).reversed()));
    return out;
  }
}
