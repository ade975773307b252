package org.timecoin.storage.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.storage.StorageException;

/**
 * The behaviour every {@link KvStore} implementation must have; one subclass per implementation.
 */
abstract class KvStoreContractTest {
  static final KvColumn A = new KvColumn("a", true);
  static final KvColumn B = new KvColumn("b", false);
  static final List<KvColumn> COLUMNS = List.of(A, B);

  KvStore store;

  /** A fresh, empty store with the columns A and B. */
  abstract KvStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void unloggedWritesAreReadLikeOthersAndSurviveAFlush() {
    try (KvBatch batch = store.newBatch()) {
      store.writeUnlogged(batch.put(A, b("k"), b("v")).put(B, b("k2"), b("v2")));
    }
    store.flush();
    assertThat(store.get(A, b("k"))).isEqualTo(b("v"));
    assertThat(store.get(B, b("k2"))).isEqualTo(b("v2"));
  }

  @Test
  void aSortedRunIsReadAndScannedLikeOtherWritesAndReplacesWhatItCovers() {
    put(A, b("b"), b("old"));
    put(A, b("z"), b("kept"));
    store.ingestSorted(
        A,
        List.of(
            new KvEntry(b("a"), b("1")), new KvEntry(b("b"), b("2")), new KvEntry(b("c"), b("3"))));
    store.ingestSorted(A, List.of(new KvEntry(b("d"), b("4"))));
    store.ingestSorted(A, List.of());
    assertThat(store.get(A, b("b"))).isEqualTo(b("2"));
    assertThat(keys(store.scan(A, KeyRange.all()))).containsExactly("a", "b", "c", "d", "z");
    assertThat(store.get(B, b("a"))).isNull();
  }

  @Test
  void aRunWhoseKeysAreNotStrictlyAscendingIsRefusedWholeAndNothingIsWritten() {
    List<KvEntry> repeated = List.of(new KvEntry(b("a"), b("1")), new KvEntry(b("a"), b("2")));
    List<KvEntry> descending =
        List.of(
            new KvEntry(bytes(1), b("1")),
            new KvEntry(bytes(0xff), b("2")),
            new KvEntry(bytes(2), b("3")));
    assertThatThrownBy(() -> store.ingestSorted(A, repeated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 1");
    assertThatThrownBy(() -> store.ingestSorted(A, descending))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 2");
    assertThat(keys(store.scan(A, KeyRange.all()))).isEmpty();
  }

  @Test
  void deferredCompactionsChangeNothingReadsSee() {
    store.deferCompactions(A, true);
    for (int i = 0; i < 5; i++) {
      put(A, b("k" + i), b("v" + i));
      store.flush();
    }
    put(A, b("k0"), b("new"));
    assertThat(store.get(A, b("k0"))).isEqualTo(b("new"));
    store.deferCompactions(A, false);
    put(A, b("k5"), b("v5"));
    assertThat(keys(store.scan(A, KeyRange.all())))
        .containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
    assertThat(store.get(A, b("k3"))).isEqualTo(b("v3"));
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  void put(KvColumn c, byte[] k, byte[] v) {
    try (KvBatch batch = store.newBatch()) {
      store.write(batch.put(c, k, v));
    }
  }

  static List<String> keys(KvCursor cursor) {
    try (cursor) {
      List<String> out = new ArrayList<>();
      cursor.forEachRemaining(e -> out.add(new String(e.key(), UTF_8)));
      return out;
    }
  }

  @Test
  void getReturnsWhatWasPutAndNullWhenAbsent() {
    put(A, b("k"), b("v"));
    assertThat(store.get(A, b("k"))).isEqualTo(b("v"));
    assertThat(store.get(A, b("other"))).isNull();
  }

  @Test
  void columnFamiliesAreSeparateKeySpaces() {
    put(A, b("k"), b("in a"));
    put(B, b("k"), b("in b"));
    assertThat(store.get(A, b("k"))).isEqualTo(b("in a"));
    assertThat(store.get(B, b("k"))).isEqualTo(b("in b"));
  }

  @Test
  void putOverwritesAndDeleteRemoves() {
    put(A, b("k"), b("1"));
    put(A, b("k"), b("2"));
    assertThat(store.get(A, b("k"))).isEqualTo(b("2"));
    try (KvBatch batch = store.newBatch()) {
      store.write(batch.delete(A, b("k")));
    }
    assertThat(store.get(A, b("k"))).isNull();
  }

  @Test
  void emptyValueIsPresent() {
    put(A, b("k"), new byte[0]);
    assertThat(store.get(A, b("k"))).isEmpty();
  }

  @Test
  void returnedArraysAreCopies() {
    byte[] value = b("value");
    put(A, b("k"), value);
    value[0] = 'X';
    byte[] read = store.get(A, b("k"));
    assertThat(read).isEqualTo(b("value"));
    read[0] = 'Y';
    assertThat(store.get(A, b("k"))).isEqualTo(b("value"));
  }

  @Test
  void multiGetKeepsOrderAndGivesNullForAbsentKeys() {
    put(A, b("1"), b("one"));
    put(A, b("3"), b("three"));
    List<byte[]> got = store.multiGet(A, List.of(b("3"), b("2"), b("1"), b("3")));
    assertThat(got).hasSize(4);
    assertThat(got.get(0)).isEqualTo(b("three"));
    assertThat(got.get(1)).isNull();
    assertThat(got.get(2)).isEqualTo(b("one"));
    assertThat(got.get(3)).isEqualTo(b("three"));
    assertThat(store.multiGet(A, List.of())).isEmpty();
  }

  @Test
  void batchAppliesPutsAndDeletesTogetherInOrder() {
    put(A, b("old"), b("x"));
    try (KvBatch batch = store.newBatch()) {
      batch.put(A, b("k1"), b("v1")).put(B, b("k2"), b("v2")).delete(A, b("old"));
      batch.put(A, b("k3"), b("first")).put(A, b("k3"), b("second")).delete(B, b("k2"));
      assertThat(batch.size()).isEqualTo(6);
      assertThat(store.get(A, b("k1"))).as("nothing visible before write").isNull();
      assertThat(store.get(A, b("old"))).isEqualTo(b("x"));
      store.write(batch);
    }
    assertThat(store.get(A, b("k1"))).isEqualTo(b("v1"));
    assertThat(store.get(B, b("k2"))).isNull();
    assertThat(store.get(A, b("old"))).isNull();
    assertThat(store.get(A, b("k3"))).isEqualTo(b("second"));
  }

  @Test
  void writesToOneKeyApplyInTheOrderAddedWhateverTheOtherKeys() {
    put(A, b("m"), b("before"));
    try (KvBatch batch = store.newBatch()) {
      batch.put(A, b("z"), b("z1")).delete(A, b("m")).put(A, b("a"), b("a1"));
      batch.put(A, b("m"), b("after")).delete(A, b("z")).put(B, b("a"), b("b1"));
      batch.delete(B, b("a"));
      store.write(batch);
    }
    assertThat(store.get(A, b("m"))).isEqualTo(b("after"));
    assertThat(store.get(A, b("z"))).isNull();
    assertThat(store.get(A, b("a"))).isEqualTo(b("a1"));
    assertThat(store.get(B, b("a"))).isNull();
  }

  @Test
  void aBatchKeepsWhatItWasGivenEvenIfTheCallerChangesItsArrays() {
    byte[] key = b("k");
    byte[] value = b("v");
    try (KvBatch batch = store.newBatch()) {
      batch.put(A, key, value);
      key[0] = 'X';
      value[0] = 'Y';
      store.write(batch);
    }
    assertThat(store.get(A, b("k"))).isEqualTo(b("v"));
    assertThat(store.get(A, b("X"))).isNull();
  }

  /** Readers never see half a batch: keys x and y are always written together with one value. */
  @Test
  void concurrentReadersSeeWholeBatchesOnly() throws Exception {
    List<byte[]> keys = List.of(b("x"), b("y"));
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> checks = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        checks.add(
            readers.submit(
                () -> {
                  int torn = 0;
                  while (!done.get()) {
                    List<byte[]> got = store.multiGet(A, keys);
                    if (!Arrays.equals(got.get(0), got.get(1))) {
                      torn++;
                    }
                    try (KvSnapshot snap = store.snapshot()) {
                      if (!Arrays.equals(snap.get(A, b("x")), snap.get(A, b("y")))) {
                        torn++;
                      }
                    }
                  }
                  return torn;
                }));
      }
      for (int i = 0; i < 500; i++) {
        try (KvBatch batch = store.newBatch()) {
          byte[] v = b("v" + i);
          store.write(batch.put(A, b("x"), v).put(A, b("y"), v));
        }
      }
      done.set(true);
      for (var check : checks) {
        assertThat(check.get()).as("torn reads").isZero();
      }
    } finally {
      done.set(true);
      readers.shutdownNow();
    }
  }

  @Test
  void batchWithUnknownColumnChangesNothing() {
    KvColumn unknown = new KvColumn("unknown", false);
    assertThatThrownBy(
            () -> {
              try (KvBatch batch = store.newBatch()) {
                batch.put(A, b("k"), b("v")).put(unknown, b("k"), b("v"));
                store.write(batch);
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown");
    assertThat(store.get(A, b("k"))).isNull();
  }

  @Test
  void unknownColumnIsRejectedOnRead() {
    assertThatThrownBy(() -> store.get(new KvColumn("nope", false), b("k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void scanReturnsKeysInUnsignedOrder() {
    put(A, bytes(0xFF), b("ff"));
    put(A, bytes(0x01), b("01"));
    put(A, bytes(0x80), b("80"));
    put(A, bytes(0x01, 0x00), b("0100"));
    List<byte[]> keys = new ArrayList<>();
    try (KvCursor c = store.scan(A, KeyRange.all())) {
      c.forEachRemaining(e -> keys.add(e.key()));
    }
    assertThat(keys).containsExactly(bytes(0x01), bytes(0x01, 0x00), bytes(0x80), bytes(0xFF));
  }

  @Test
  void prefixScanReturnsOnlyThatPrefix() {
    for (String k : List.of("a", "ab", "abc", "abd", "ac", "b", "aa")) {
      put(B, b(k), b(k));
    }
    assertThat(keys(store.scan(B, KeyRange.prefix(b("ab"))))).containsExactly("ab", "abc", "abd");
    assertThat(keys(store.scan(B, KeyRange.prefix(b("z"))))).isEmpty();
    assertThat(keys(store.scan(B, KeyRange.prefix(new byte[0]))))
        .containsExactly("a", "aa", "ab", "abc", "abd", "ac", "b");
  }

  @Test
  void prefixOfAllOnesHasNoUpperBound() {
    put(B, bytes(0xFF, 0xFF), b("x"));
    put(B, bytes(0xFF, 0xFF, 0x00), b("y"));
    put(B, bytes(0xFF, 0xFE), b("z"));
    try (KvCursor c = store.scan(B, KeyRange.prefix(bytes(0xFF, 0xFF)))) {
      assertThat(c.stream().map(KvEntry::value).toList()).containsExactly(b("x"), b("y"));
    }
  }

  @Test
  void rangeScanIsInclusiveFromExclusiveTo() {
    for (long h = 0; h < 10; h++) {
      put(A, KeyCodecs.height(h), b("h" + h));
    }
    try (KvCursor c = store.scan(A, KeyRange.between(KeyCodecs.height(3), KeyCodecs.height(7)))) {
      assertThat(c.stream().map(e -> KeyCodecs.HEIGHT.decode(e.key())).toList())
          .containsExactly(3L, 4L, 5L, 6L);
    }
    try (KvCursor c = store.scan(A, KeyRange.between(KeyCodecs.height(8), null))) {
      assertThat(c.stream().count()).isEqualTo(2);
    }
    try (KvCursor c = store.scan(A, KeyRange.between(null, KeyCodecs.height(2)))) {
      assertThat(c.stream().count()).isEqualTo(2);
    }
  }

  @Test
  void scanDoesNotSeeWritesMadeAfterItStarted() {
    put(A, b("1"), b("v"));
    put(A, b("2"), b("v"));
    try (KvCursor c = store.scan(A, KeyRange.all())) {
      put(A, b("3"), b("v"));
      try (KvBatch batch = store.newBatch()) {
        store.write(batch.delete(A, b("2")));
      }
      assertThat(keys(c)).containsExactly("1", "2");
    }
  }

  @Test
  void snapshotIsIsolatedFromLaterWrites() {
    put(A, b("k"), b("before"));
    put(B, b("gone"), b("x"));
    try (KvSnapshot snap = store.snapshot()) {
      put(A, b("k"), b("after"));
      put(A, b("new"), b("x"));
      try (KvBatch batch = store.newBatch()) {
        store.write(batch.delete(B, b("gone")));
      }
      assertThat(snap.get(A, b("k"))).isEqualTo(b("before"));
      assertThat(snap.get(A, b("new"))).isNull();
      assertThat(snap.get(B, b("gone"))).isEqualTo(b("x"));
      assertThat(snap.multiGet(A, List.of(b("k"), b("new")))).containsExactly(b("before"), null);
      assertThat(keys(snap.scan(A, KeyRange.all()))).containsExactly("k");
    }
    assertThat(store.get(A, b("k"))).isEqualTo(b("after"));
  }

  @Test
  void closedSnapshotRejectsReads() {
    KvSnapshot snap = store.snapshot();
    snap.close();
    snap.close(); // idempotent
    assertThatThrownBy(() -> snap.get(A, b("k")))
        .isInstanceOf(StorageException.class)
        .extracting(e -> ((StorageException) e).kind())
        .isEqualTo(StorageException.Kind.CLOSED);
  }

  @Test
  void closedCursorStopsIterating() {
    put(A, b("1"), b("v"));
    KvCursor c = store.scan(A, KeyRange.all());
    c.close();
    assertThat(c.hasNext()).isFalse();
  }

  @Test
  void streamCloseClosesTheCursor() {
    put(A, b("1"), b("v"));
    put(A, b("2"), b("v"));
    KvCursor c = store.scan(A, KeyRange.all());
    try (Stream<KvEntry> s = c.stream()) {
      assertThat(s.findFirst()).isPresent();
    }
    assertThat(c.hasNext()).isFalse();
  }

  @Test
  void closedStoreRejectsEveryCall() {
    KvSnapshot snap = store.snapshot();
    KvCursor cursor = store.scan(A, KeyRange.all());
    store.close();
    store.close(); // idempotent
    assertThatThrownBy(() -> store.get(A, b("k"))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.multiGet(A, List.of(b("k"))))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.scan(A, KeyRange.all())).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.snapshot()).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> snap.get(A, b("k"))).isInstanceOf(StorageException.class);
    assertThat(cursor.hasNext()).isFalse();
    cursor.close();
    snap.close();
  }

  @Test
  void typedColumnRoundTripsThroughCodecs() {
    Column<Long, Hash32> byHeight = new Column<>(A, KeyCodecs.HEIGHT, KeyCodecs.HASH);
    Hash32 h = Hash32.of(new byte[32]);
    try (KvBatch batch = store.newBatch()) {
      store.write(batch.put(byHeight, 42L, h));
    }
    assertThat(store.get(byHeight, 42L)).contains(h);
    assertThat(store.get(byHeight, 43L)).isEmpty();
    assertThat(store.getAll(byHeight, List.of(41L, 42L))).containsExactly(Map.entry(42L, h));
    try (KvBatch batch = store.newBatch()) {
      store.write(batch.delete(byHeight, 42L));
    }
    assertThat(store.get(byHeight, 42L)).isEmpty();
  }

  /** Random batches against a TreeMap model; the seed is in the test name. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomBatchesMatchASortedMapModel(long seed) {
    Random rnd = new Random(seed);
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (int round = 0; round < 30; round++) {
      try (KvBatch batch = store.newBatch()) {
        for (int i = 0; i < 20; i++) {
          byte[] key = new byte[1 + rnd.nextInt(3)];
          rnd.nextBytes(key);
          if (rnd.nextInt(4) == 0) {
            batch.delete(B, key);
            model.remove(key);
          } else {
            byte[] value = new byte[rnd.nextInt(8)];
            rnd.nextBytes(value);
            batch.put(B, key, value);
            model.put(key, value);
          }
        }
        store.write(batch);
      }
    }
    List<KvEntry> all;
    try (KvCursor c = store.scan(B, KeyRange.all())) {
      all = c.stream().toList();
    }
    assertThat(all).as("seed %d", seed).hasSize(model.size());
    int i = 0;
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      assertThat(all.get(i).key()).as("seed %d", seed).isEqualTo(e.getKey());
      assertThat(all.get(i).value()).as("seed %d", seed).isEqualTo(e.getValue());
      i++;
    }
  }
}
