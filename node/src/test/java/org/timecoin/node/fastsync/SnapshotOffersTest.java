package org.timecoin.node.fastsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.fastsync.SnapshotOffers.Candidate;
import org.timecoin.node.net.SnapshotMessages.Offer;

class SnapshotOffersTest {
  static PublicKey peer(String name) {
    return KeyPair.fromSeed(Sha256.digest(name.getBytes())).publicKey();
  }

  static final PublicKey A = peer("a");
  static final PublicKey B = peer("b");
  static final PublicKey C = peer("c");

  static Hash32 h(String s) {
    return Sha256.hash(s.getBytes());
  }

  static Offer offer(long height, String tag, int chunks) {
    return new Offer(height, h("block" + tag), h("root" + tag), h("manifest" + tag), chunks);
  }

  static List<Long> heights(List<Candidate> cs) {
    return cs.stream().map(c -> c.offer().height()).toList();
  }

  @Test
  void groupsPeersByManifest() {
    SnapshotOffers o = new SnapshotOffers();
    Offer x = offer(1001, "x", 5);
    Offer y = offer(2001, "y", 7);
    o.add(A, List.of(y, x));
    o.add(B, List.of(x));
    o.add(C, List.of(x));
    o.add(C, List.of(x)); // again: still one peer
    assertThat(o.peersOf(x.manifestId())).containsExactly(A, B, C);
    assertThat(o.peersOf(y.manifestId())).containsExactly(A);
    assertThat(o.peersOf(h("unknown"))).isEmpty();
    assertThat(o.ranked()).hasSize(2);
  }

  @Test
  void ranksByHeightThenByPeerCount() {
    SnapshotOffers o = new SnapshotOffers();
    Offer low = offer(1001, "low", 3);
    Offer highFew = offer(3001, "hf", 3);
    Offer highMany = offer(3001, "hm", 3);
    Offer mid = offer(2001, "mid", 3);
    o.add(A, List.of(low, highFew, mid));
    o.add(B, List.of(low, highMany, mid));
    o.add(C, List.of(low, highMany));
    List<Candidate> ranked = o.ranked();
    assertThat(ranked).extracting(Candidate::offer).containsExactly(highMany, highFew, mid, low);
  }

  @Test
  void rankingIsByHeightWhateverTheOrderAdded() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    SnapshotOffers o = new SnapshotOffers();
    List<Offer> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(offer(2 + rnd.nextInt(1_000_000), "r" + i, 1 + rnd.nextInt(10)));
    }
    for (int i = 0; i < 100; i++) {
      o.add(peer("p" + rnd.nextInt(10)), List.of(all.get(rnd.nextInt(all.size()))));
    }
    List<Candidate> ranked = o.ranked();
    for (int i = 1; i < ranked.size(); i++) {
      Candidate a = ranked.get(i - 1);
      Candidate b = ranked.get(i);
      assertThat(a.offer().height()).as("seed %d", seed).isGreaterThanOrEqualTo(b.offer().height());
      if (a.offer().height() == b.offer().height()) {
        assertThat(a.peers().size()).as("seed %d", seed).isGreaterThanOrEqualTo(b.peers().size());
      }
    }
  }

  @Test
  void aConflictingOfferForAKnownManifestIsIgnored() {
    SnapshotOffers o = new SnapshotOffers();
    Offer x = offer(1001, "x", 5);
    o.add(A, List.of(x));
    Hash32 id = x.manifestId();
    List<Offer> lies =
        List.of(
            new Offer(9001, x.blockHash(), x.stateRoot(), id, 5),
            new Offer(1001, h("other"), x.stateRoot(), id, 5),
            new Offer(1001, x.blockHash(), h("other"), id, 5),
            new Offer(1001, x.blockHash(), x.stateRoot(), id, 6));
    for (Offer lie : lies) {
      o.add(B, List.of(lie));
    }
    assertThat(o.peersOf(id)).containsExactly(A);
    assertThat(o.ranked()).singleElement().extracting(Candidate::offer).isEqualTo(x);
  }

  @Test
  void offersWithoutChunksOrBelowHeightOneAreIgnored() {
    SnapshotOffers o = new SnapshotOffers();
    o.add(A, List.of(offer(1001, "empty", 0), offer(1001, "negative", -1)));
    o.add(A, List.of(offer(0, "zero", 3)));
    assertThat(o.ranked()).isEmpty();
    assertThat(o.peersOf(offer(0, "zero", 3).manifestId())).isEmpty();
  }

  @Test
  void remembersAtMostMaxCandidates() {
    SnapshotOffers o = new SnapshotOffers();
    List<Offer> many = new ArrayList<>();
    for (int i = 0; i < SnapshotOffers.MAX_CANDIDATES + 10; i++) {
      many.add(offer(2 + i, "m" + i, 1));
    }
    o.add(A, many);
    assertThat(o.ranked()).hasSize(SnapshotOffers.MAX_CANDIDATES);
    // The first ones are kept; later new manifests are not, but known ones still gain peers.
    Offer first = many.get(0);
    Offer late = many.get(many.size() - 1);
    o.add(B, List.of(first, late));
    assertThat(o.peersOf(first.manifestId())).containsExactly(A, B);
    assertThat(o.peersOf(late.manifestId())).isEmpty();
    // Dropping one makes room for another.
    o.drop(first.manifestId());
    o.add(B, List.of(late));
    assertThat(o.peersOf(late.manifestId())).containsExactly(B);
    assertThat(o.ranked()).hasSize(SnapshotOffers.MAX_CANDIDATES);
  }

  @Test
  void peerGoneRemovesThePeerAndCandidatesLeftWithoutPeers() {
    SnapshotOffers o = new SnapshotOffers();
    Offer x = offer(1001, "x", 5);
    Offer y = offer(2001, "y", 5);
    o.add(A, List.of(x, y));
    o.add(B, List.of(x));
    o.peerGone(A);
    assertThat(o.peersOf(x.manifestId())).containsExactly(B);
    assertThat(o.peersOf(y.manifestId())).isEmpty();
    assertThat(o.ranked()).extracting(Candidate::offer).containsExactly(x);
    o.add(C, List.of(y)); // the same snapshot offered again by another peer
    assertThat(heights(o.ranked())).containsExactly(2001L, 1001L);
  }

  @Test
  void dropForgetsTheCandidate() {
    SnapshotOffers o = new SnapshotOffers();
    Offer x = offer(1001, "x", 5);
    Offer y = offer(2001, "y", 5);
    o.add(A, List.of(x, y));
    o.drop(y.manifestId());
    assertThat(o.ranked()).extracting(Candidate::offer).containsExactly(x);
    assertThat(o.peersOf(y.manifestId())).isEmpty();
    o.drop(h("unknown")); // no-op
    assertThat(o.ranked()).hasSize(1);
  }
}
