package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockDelta;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.tools.DeterministicChain;

class UtxoStoreTest {
  static final Hash32 CHAIN = Hash32.fromHex("44".repeat(32));

  final MemoryKvStore data = new MemoryKvStore(ChainSchema.COLUMNS);
  ThreadRecordingKvStore kv;
  ChainStore store;
  DeterministicChain chain;

  @BeforeEach
  void open() {
    kv = new ThreadRecordingKvStore(data);
    store = ChainStore.open(kv, StorageConfig.defaults(Path.of("mem")), CHAIN);
    chain = new DeterministicChain(21, CHAIN, 30);
    ChainStoreTest.applyAll(store, chain, 5);
  }

  @AfterEach
  void close() {
    store.close();
    data.close();
  }

  /** Reopens over the same data with an empty cache of {@code entries} entries. */
  void reopenWithCacheOf(long entries) {
    store.close();
    kv = new ThreadRecordingKvStore(data);
    StorageConfig config =
        StorageConfig.defaults(Path.of("mem")).withUtxoCacheBytes(entries * UtxoStore.ENTRY_BYTES);
    store = ChainStore.open(kv, config, CHAIN);
  }

  List<OutPoint> someOutPoints(int n) {
    return chain.utxos().keySet().stream().limit(n).toList();
  }

  @Test
  void cacheMissesAreReadOnTheStorageExecutorWithOneMultiGet() {
    reopenWithCacheOf(0); // nothing stays cached: every read misses
    kv.readThreads.clear();
    kv.multiGets.set(0);
    List<OutPoint> wanted = new ArrayList<>(someOutPoints(40));
    OutPoint absent = new OutPoint(Hash32.ZERO, 7);
    wanted.add(absent);
    Map<OutPoint, Utxo> found = store.utxos().getAll(wanted).join();
    assertThat(found).hasSize(40).doesNotContainKey(absent);
    found.forEach((op, u) -> assertThat(u).isEqualTo(chain.utxos().get(op)));
    assertThat(kv.multiGets.get()).isEqualTo(1);
    assertThat(store.utxos().get(absent).join()).isEmpty();
    assertThat(kv.readThreads)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).startsWith("storage-read-"))
        .doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void secondReadIsACacheHitAndCountersSaySo() {
    reopenWithCacheOf(1000);
    List<OutPoint> cold = someOutPoints(10);
    UtxoCacheStats before = store.utxos().cacheStats();
    store.utxos().getAll(cold).join();
    UtxoCacheStats afterMiss = store.utxos().cacheStats();
    assertThat(afterMiss.misses() - before.misses()).isEqualTo(10);
    int multiGets = kv.multiGets.get();
    store.utxos().getAll(cold).join();
    UtxoCacheStats afterHit = store.utxos().cacheStats();
    assertThat(kv.multiGets.get()).as("answered from the cache").isEqualTo(multiGets);
    assertThat(afterHit.hits() - afterMiss.hits()).isEqualTo(10);
    assertThat(afterHit.hitRate()).isPositive();
    assertThat(afterMiss.misses()).isGreaterThanOrEqualTo(before.misses());
  }

  @Test
  void cacheStaysWithinItsByteBudget() {
    reopenWithCacheOf(20);
    store.utxos().getAll(chain.utxos().keySet()).join();
    UtxoCacheStats stats = store.utxos().cacheStats();
    assertThat(chain.utxos().size()).isGreaterThan(100);
    assertThat(stats.estimatedBytes()).isLessThanOrEqualTo(20L * UtxoStore.ENTRY_BYTES);
    assertThat(stats.evictions()).isPositive();
  }

  @Test
  void spentOutputIsNotServedFromTheCacheAfterItsBlock() {
    DeterministicChain.Step next = chain.next();
    Utxo spent = next.removes().get(0);
    assertThat(store.utxos().get(spent.outPoint()).join()).contains(spent); // now cached
    store.applyBlock(
        next.block(), next.certificate(), next.adds(), next.removes(), next.registry());
    assertThat(store.utxos().get(spent.outPoint()).join()).isEmpty();
    Utxo created = next.adds().get(0);
    assertThat(store.utxos().get(created.outPoint()).join()).contains(created);
  }

  @Test
  void spentTellsWhichMissingOutputsCanNeverBeSpentWithoutDecodingABlock() {
    DeterministicChain.Step next = chain.next();
    store.applyBlock(
        next.block(), next.certificate(), next.adds(), next.removes(), next.registry());
    OutPoint spent = next.removes().get(0).outPoint();
    OutPoint beyondItsOutputs = new OutPoint(spent.txid(), 999);
    OutPoint unknownTx = new OutPoint(Hash32.ZERO, 0);
    OutPoint unspent = next.adds().get(0).outPoint();
    long blocksRead = store.blocks().blocksRead();

    assertThat(store.utxos().spent(List.of(spent, beyondItsOutputs, unknownTx, unspent)).join())
        .containsExactlyInAnyOrder(spent, beyondItsOutputs);
    assertThat(store.blocks().blocksRead())
        .as("the tx index is read, not blocks")
        .isEqualTo(blocksRead);
  }

  @Test
  void stateRootPortMatchesTheHeaderAndTheAppliedRoot() {
    // The port sees UTXO changes only: a block that changes no registry record.
    DeterministicChain.Step next = chain.nextWith(RegistryStore.Changes.NONE);
    BlockDelta delta = new BlockDelta(next.block().height(), next.removes(), next.adds(), 0);
    Hash32 root = store.stateRootAfter(delta);
    assertThat(root).isEqualTo(next.block().header().stateRoot());
    ChainTip tip = store.applyBlock(next.block(), next.certificate(), delta);
    assertThat(tip.stateRoot()).isEqualTo(root);
    assertThat(store.recomputeStateRoot()).isEqualTo(root);
  }

  /**
   * Readers keep loading the outputs the next block spends while the writer applies it; once
   * applyBlock returns, none of them may be served from the cache. Run for several seeds.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void concurrentReadsNeverResurrectSpentOutputs(long seed) throws Exception {
    reopenWithCacheOf(64);
    DeterministicChain blocks = new DeterministicChain(21, CHAIN, 30);
    for (int i = 0; i <= chain.height(); i++) {
      blocks.next();
    }
    AtomicReference<List<OutPoint>> target = new AtomicReference<>(List.of());
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        running.add(
            readers.submit(
                () -> {
                  while (!stop.get()) {
                    store.utxos().getAll(target.get()).join();
                  }
                }));
      }
      Random rnd = new Random(seed);
      for (int b = 0; b < 20; b++) {
        DeterministicChain.Step step = blocks.next();
        List<OutPoint> spent = step.removes().stream().map(Utxo::outPoint).toList();
        target.set(spent);
        store.utxos().getAll(spent.subList(0, 1 + rnd.nextInt(spent.size()))).join();
        store.applyBlock(
            step.block(), step.certificate(), step.adds(), step.removes(), step.registry());
        Set<OutPoint> created = new HashSet<>();
        step.adds().forEach(u -> created.add(u.outPoint()));
        List<OutPoint> gone = spent.stream().filter(op -> !created.contains(op)).toList();
        var leaked = store.utxos().getAll(gone).join();
        if (!leaked.isEmpty()) {
          for (OutPoint op : leaked.keySet()) {
            System.err.println(
                "DIAG in db: "
                    + (data.get(ChainSchema.UTXOS, ChainSchema.utxoKey(op)) != null)
                    + " "
                    + op);
          }
        }
        assertThat(leaked).as("seed %d block %d", seed, b).isEmpty();
      }
      stop.set(true);
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      stop.set(true);
      readers.shutdownNow();
    }
  }

  @Test
  void unknownOutPointsAreSimplyMissing() {
    assertThat(store.utxos().getAll(List.of()).join()).isEmpty();
    assertThat(store.utxos().getAll(Set.of(new OutPoint(Hash32.ZERO, 1))).join()).isEmpty();
  }
}
