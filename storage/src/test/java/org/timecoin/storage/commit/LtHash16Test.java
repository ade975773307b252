package org.timecoin.storage.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;

class LtHash16Test {
  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  static List<byte[]> randomElements(Random rnd, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] e = new byte[20 + rnd.nextInt(80)];
      rnd.nextBytes(e);
      out.add(e);
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void sameAddsAndRemovesInAnotherOrderGiveTheSameCommitment(long seed) {
    Random rnd = new Random(seed);
    List<byte[]> base = randomElements(rnd, 60);
    List<byte[]> removed = base.subList(0, 25);
    // Order 1: add everything, then remove.
    LtHash16 first = LtHash16.empty();
    base.forEach(first::add);
    removed.forEach(first::remove);
    // Order 2: interleave removes as early as possible, in a shuffled order.
    record Op(byte[] element, boolean add) {}
    List<Op> ops = new ArrayList<>();
    base.forEach(e -> ops.add(new Op(e, true)));
    removed.forEach(e -> ops.add(new Op(e, false)));
    Collections.shuffle(ops, rnd);
    LtHash16 second = LtHash16.empty();
    for (Op op : ops) {
      if (op.add()) {
        second.add(op.element());
      } else {
        second.remove(op.element());
      }
    }
    assertThat(second).as("seed %d", seed).isEqualTo(first);
    assertThat(second.digest()).as("seed %d", seed).isEqualTo(first.digest());
    // Order 3: only the surviving elements, added directly.
    LtHash16 third = LtHash16.empty();
    base.subList(25, 60).forEach(third::add);
    assertThat(third.digest()).as("seed %d", seed).isEqualTo(first.digest());
  }

  @Test
  void addThenRemoveReturnsToEmpty() {
    List<byte[]> elements = randomElements(new Random(7), 40);
    LtHash16 h = LtHash16.empty();
    elements.forEach(h::add);
    assertThat(h.isEmpty()).isFalse();
    elements.forEach(h::remove);
    assertThat(h.isEmpty()).isTrue();
    assertThat(h.digest()).isEqualTo(LtHash16.empty().digest());
  }

  @Test
  void oneMoreAddChangesTheCommitment() {
    List<byte[]> elements = randomElements(new Random(8), 30);
    LtHash16 a = LtHash16.empty();
    elements.forEach(a::add);
    LtHash16 b = a.copy().add(new byte[] {1, 2, 3});
    assertThat(b.digest()).isNotEqualTo(a.digest());
  }

  @Test
  void addingTheSameElementTwiceIsAMultiset() {
    byte[] e = {9, 9, 9};
    LtHash16 once = LtHash16.empty().add(e);
    LtHash16 twice = LtHash16.empty().add(e).add(e);
    assertThat(twice.digest()).isNotEqualTo(once.digest());
    assertThat(twice.remove(e)).isEqualTo(once);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23})
  void anyDifferentByteChangesTheCommitment(long seed) {
    Random rnd = new Random(seed);
    List<byte[]> elements = randomElements(rnd, 20);
    LtHash16 original = LtHash16.empty();
    elements.forEach(original::add);
    for (int trial = 0; trial < 50; trial++) {
      int which = rnd.nextInt(elements.size());
      byte[] changed = elements.get(which).clone();
      changed[rnd.nextInt(changed.length)] ^= (byte) (1 << rnd.nextInt(8));
      LtHash16 other = LtHash16.empty();
      for (int i = 0; i < elements.size(); i++) {
        other.add(i == which ? changed : elements.get(i));
      }
      assertThat(other.digest())
          .as("seed %d trial %d", seed, trial)
          .isNotEqualTo(original.digest());
    }
  }

  @Test
  void emptyElementAndPrefixesAreDistinct() {
    assertThat(LtHash16.empty().add(new byte[0]).digest())
        .isNotEqualTo(LtHash16.empty().digest())
        .isNotEqualTo(LtHash16.empty().add(new byte[] {0}).digest());
  }

  /** SWAR lane arithmetic against plain per-lane arithmetic mod 2^16. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32, 33})
  void lanesAreIndependentSixteenBitCounters(long seed) {
    Random rnd = new Random(seed);
    int[] model = new int[LtHash16.LANES];
    LtHash16 h = LtHash16.empty();
    for (int step = 0; step < 200; step++) {
      byte[] e = new byte[8];
      rnd.nextBytes(e);
      byte[] lanes = ElementExpander.expand(e).clone();
      boolean add = rnd.nextBoolean();
      for (int i = 0; i < LtHash16.LANES; i++) {
        int v = (lanes[2 * i] & 0xFF) | (lanes[2 * i + 1] & 0xFF) << 8;
        model[i] = (model[i] + (add ? v : -v)) & 0xFFFF;
      }
      if (add) {
        h.add(e);
      } else {
        h.remove(e);
      }
    }
    for (int i = 0; i < LtHash16.LANES; i++) {
      assertThat(h.lane(i)).as("seed %d lane %d", seed, i).isEqualTo(model[i]);
    }
  }

  @Test
  void carriesAndBorrowsStayInsideTheirLane() {
    long allOnes = 0xFFFF_FFFF_FFFF_FFFFL;
    assertThat(LtHash16.addLanes(allOnes, 0x0001_0001_0001_0001L)).isZero();
    assertThat(LtHash16.subtractLanes(0L, 0x0001_0001_0001_0001L)).isEqualTo(allOnes);
    assertThat(LtHash16.addLanes(0x8000_0000_8000_7FFFL, 0x8000_0001_0000_0001L))
        .isEqualTo(0x0000_0001_8000_8000L);
  }

  @Test
  void bytesRoundTrip() {
    LtHash16 h = LtHash16.empty();
    randomElements(new Random(5), 10).forEach(h::add);
    byte[] bytes = h.toBytes();
    assertThat(bytes).hasSize(LtHash16.BYTES);
    assertThat(LtHash16.fromBytes(bytes)).isEqualTo(h);
    assertThatThrownBy(() -> LtHash16.fromBytes(new byte[10]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Pins the definition (values computed by an independent implementation with Python's hashlib and
   * the cryptography package): a change here changes every stored state root.
   */
  @Test
  void knownAnswers() {
    assertThat(LtHash16.empty().digest()).isEqualTo(Hash32.fromHex(EMPTY));
    assertThat(LtHash16.empty().add(new byte[] {'a', 'b', 'c'}).digest())
        .isEqualTo(Hash32.fromHex(ABC));
    assertThat(
            LtHash16.empty()
                .add(new byte[] {'x', 'y', 'z'})
                .add(new byte[] {'a', 'b', 'c'})
                .digest())
        .isEqualTo(Hash32.fromHex(ABC_XYZ));
  }

  static final String EMPTY = "d58b7eda175c248f7e77c2b85ba4b1cc21e77b5d6977f5a79fedc8bd713d555c";
  static final String ABC = "0b5a657c46201d2aab1882ba0973549b7c45c167b8999aa6f2619fb5838b6468";
  static final String ABC_XYZ = "220dd31ed9f63e39d7155ba697ee20a06e6661691f148e7acb923009c7fcd5f9";

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {41, 42})
  void parallelDeltaEqualsSequentialUpdates(long seed) {
    Random rnd = new Random(seed);
    List<byte[]> adds = randomElements(rnd, 700);
    List<byte[]> removes = randomElements(rnd, 350);
    LtHash16 sequential = LtHash16.empty();
    adds.forEach(sequential::add);
    removes.forEach(sequential::remove);
    for (int parallelism : new int[] {1, 2, 3, 8}) {
      LtHash16 parallel = new ParallelLtHasher(pool, parallelism).delta(adds, removes);
      assertThat(parallel).as("seed %d parallelism %d", seed, parallelism).isEqualTo(sequential);
    }
    assertThat(new ParallelLtHasher(pool, 2).delta(List.of(), List.of()).isEmpty()).isTrue();
  }
}
