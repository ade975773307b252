package org.timecoin.node.fastsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.fastsync.ChunkSchedule.Request;

class ChunkScheduleTest {
  static final long DEADLINE = 1_000;

  static PublicKey peer(String name) {
    return org.timecoin.domain.crypto.KeyPair.fromSeed(Sha256.digest(name.getBytes())).publicKey();
  }

  static final PublicKey A = peer("a");
  static final PublicKey B = peer("b");
  static final PublicKey C = peer("c");

  static List<Integer> indexes(List<Request> rs) {
    return rs.stream().map(Request::index).toList();
  }

  static List<Integer> indexesOf(List<Request> rs, PublicKey p) {
    return rs.stream().filter(r -> r.peer().equals(p)).map(Request::index).toList();
  }

  @Test
  void fillsEachPeersSlotsWithTheLowestMissingChunksInPeerOrder() {
    ChunkSchedule s = new ChunkSchedule(10, new BitSet(), 2, DEADLINE);
    List<Request> out = s.assign(List.of(A, B), 100);
    // Round-robin over the peers, lowest chunks first, two per peer.
    assertThat(out)
        .containsExactly(
            new Request(A, 0, 100 + DEADLINE),
            new Request(B, 1, 100 + DEADLINE),
            new Request(A, 2, 100 + DEADLINE),
            new Request(B, 3, 100 + DEADLINE));
    assertThat(s.assign(List.of(A, B), 200)).isEmpty(); // every slot full
    assertThat(s.expected(A, 0)).isTrue();
    assertThat(s.expected(B, 0)).isFalse();
    assertThat(s.expected(A, 4)).isFalse();
    s.imported(2);
    assertThat(s.expected(A, 2)).isFalse();
    assertThat(s.assign(List.of(A, B), 300)).containsExactly(new Request(A, 4, 300 + DEADLINE));
  }

  @ParameterizedTest
  @CsvSource({"1,1", "1,3", "3,2", "4,4", "8,1"})
  void neverAssignsAnImportedChunkNorOneInFlight(int perPeer, int peerCount) {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int chunks = 1 + rnd.nextInt(60);
    BitSet done = new BitSet();
    for (int i = 0; i < chunks; i++) {
      if (rnd.nextInt(3) == 0) {
        done.set(i);
      }
    }
    List<PublicKey> peers = new ArrayList<>();
    for (int i = 0; i < peerCount; i++) {
      peers.add(peer("p" + i));
    }
    ChunkSchedule s = new ChunkSchedule(chunks, done, perPeer, DEADLINE);
    BitSet imported = (BitSet) done.clone();
    done.clear(); // the schedule keeps its own copy
    assertThat(s.importedCount()).as("seed %d", seed).isEqualTo(imported.cardinality());
    Set<Integer> inFlight = new HashSet<>();
    long now = 0;
    for (int round = 0; round < 200 && !s.complete(); round++) {
      now += 10;
      List<Request> out = s.assign(peers, now);
      Map<PublicKey, Integer> load = new HashMap<>();
      for (Request r : out) {
        assertThat(imported.get(r.index())).as("seed %d chunk %d", seed, r.index()).isFalse();
        assertThat(inFlight.add(r.index())).as("seed %d chunk %d", seed, r.index()).isTrue();
        assertThat(r.index()).as("seed %d", seed).isBetween(0, chunks - 1);
        load.merge(r.peer(), 1, Integer::sum);
      }
      load.values().forEach(n -> assertThat(n).as("seed %d", seed).isLessThanOrEqualTo(perPeer));
      // The lowest missing chunks go first.
      List<Integer> sorted = new ArrayList<>(inFlight);
      sorted.sort(null);
      int missing = chunks - imported.cardinality();
      assertThat(inFlight.size())
          .as("seed %d", seed)
          .isEqualTo(Math.min(missing, perPeer * peerCount));
      // Import a random half of what is in flight.
      for (int i : sorted) {
        if (rnd.nextBoolean()) {
          s.imported(i);
          imported.set(i);
          inFlight.remove(i);
        }
      }
    }
    assertThat(s.complete()).as("seed %d", seed).isTrue();
    assertThat(s.importedCount()).as("seed %d", seed).isEqualTo(chunks);
    assertThat(s.assign(peers, now + 1)).as("seed %d", seed).isEmpty();
  }

  @Test
  void skipsImportedChunksAtTheStart() {
    BitSet done = new BitSet();
    done.set(0, 3);
    done.set(4);
    ChunkSchedule s = new ChunkSchedule(7, done, 3, DEADLINE);
    assertThat(indexes(s.assign(List.of(A), 0))).containsExactly(3, 5, 6);
    assertThat(s.importedCount()).isEqualTo(4);
    assertThat(s.chunkCount()).isEqualTo(7);
  }

  @Test
  void expireFreesLateChunksAndTheyGoToAnotherPeerFirst() {
    ChunkSchedule s = new ChunkSchedule(4, new BitSet(), 1, DEADLINE);
    assertThat(s.assign(List.of(A), 0)).containsExactly(new Request(A, 0, DEADLINE));
    assertThat(s.expire(DEADLINE - 1)).isEmpty();
    assertThat(s.expected(A, 0)).isTrue();
    assertThat(s.expire(DEADLINE)).containsExactly(new Request(A, 0, DEADLINE));
    assertThat(s.expected(A, 0)).isFalse();
    // A let chunk 0 pass: A gets chunk 1, B (listed after A) gets chunk 0.
    List<Request> out = s.assign(List.of(A, B), DEADLINE + 5);
    assertThat(indexesOf(out, A)).containsExactly(1);
    assertThat(indexesOf(out, B)).containsExactly(0);
  }

  @Test
  void aLateChunkGoesBackToTheSamePeerWhenNoOtherCanTakeIt() {
    ChunkSchedule s = new ChunkSchedule(1, new BitSet(), 1, DEADLINE);
    s.assign(List.of(A), 0);
    assertThat(s.expire(DEADLINE + 3)).hasSize(1);
    assertThat(s.assign(List.of(A), DEADLINE + 4))
        .containsExactly(new Request(A, 0, 2 * DEADLINE + 4));
  }

  @Test
  void expireHandlesClockWrapLikeSystemNanoTime() {
    ChunkSchedule s = new ChunkSchedule(2, new BitSet(), 1, DEADLINE);
    long start = Long.MAX_VALUE - 10;
    s.assign(List.of(A), start); // deadline wraps to a negative value
    assertThat(s.expire(start + 1)).isEmpty();
    assertThat(s.expire(start + DEADLINE)).hasSize(1);
  }

  @Test
  void badExcludesThePeerAndReassignsTheChunk() {
    ChunkSchedule s = new ChunkSchedule(6, new BitSet(), 2, DEADLINE);
    s.assign(List.of(A, B), 0); // A: 0, 2; B: 1, 3
    assertThat(s.usable(A)).isTrue();
    s.bad(A, 0);
    assertThat(s.usable(A)).isFalse();
    assertThat(s.usable(B)).isTrue();
    assertThat(s.expected(A, 0)).isFalse();
    assertThat(s.assign(List.of(A, B), 10)).as("A is asked nothing more; B is full").isEmpty();
    s.imported(1);
    assertThat(s.assign(List.of(A, B), 20)).containsExactly(new Request(B, 0, 20 + DEADLINE));
    assertThat(s.expected(A, 2)).as("A's other request stays until answered").isTrue();
  }

  @Test
  void peerGoneFreesOnlyItsChunks() {
    ChunkSchedule s = new ChunkSchedule(8, new BitSet(), 2, DEADLINE);
    s.assign(List.of(A, B), 0); // A: 0, 2; B: 1, 3
    s.peerGone(A);
    assertThat(s.expected(A, 0)).isFalse();
    assertThat(s.expected(A, 2)).isFalse();
    assertThat(s.expected(B, 1)).isTrue();
    assertThat(s.expected(B, 3)).isTrue();
    assertThat(s.usable(A)).as("leaving is no fault").isTrue();
    assertThat(indexes(s.assign(List.of(C), 5))).containsExactly(0, 2);
    s.peerGone(peer("never-seen")); // no-op
    assertThat(s.expected(C, 0)).isTrue();
  }

  @Test
  void completeOnlyWhenEveryChunkIsImported() {
    BitSet done = new BitSet();
    done.set(0);
    done.set(2);
    ChunkSchedule s = new ChunkSchedule(3, done, 1, DEADLINE);
    assertThat(s.complete()).isFalse();
    s.assign(List.of(A), 0);
    assertThat(s.complete()).isFalse();
    s.imported(1);
    assertThat(s.complete()).isTrue();
    assertThat(new ChunkSchedule(0, new BitSet(), 1, DEADLINE).complete()).isTrue();
  }

  @Test
  void refusesNonPositiveSlotsOrDeadline() {
    assertThatThrownBy(() -> new ChunkSchedule(1, new BitSet(), 0, DEADLINE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChunkSchedule(1, new BitSet(), 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChunkThatArrivedIsNotExpiredWhileItIsImported() {
    ChunkSchedule s = new ChunkSchedule(2, new BitSet(), 1, 100);
    PublicKey a = A;
    assertThat(s.assign(List.of(a), 0)).hasSize(1);
    s.arrived(0);
    assertThat(s.expire(1_000)).isEmpty();
    assertThat(s.expected(a, 0)).isTrue();
    s.imported(0);
    assertThat(s.importedCount()).isEqualTo(1);
  }
}
