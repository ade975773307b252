package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.kv.RocksConfig;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.snapshot.ChunkKind;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.tools.DeterministicChain;

class ChunkedImportTest {
  static final Hash32 CHAIN = Hash32.fromHex("55".repeat(32));
  static final int BLOCKS = 12;

  @TempDir Path dir;
  final List<ChainStore> open = new ArrayList<>();
  DeterministicChain chain;
  ChainStore source;

  @AfterEach
  void close() {
    open.forEach(ChainStore::close);
  }

  ChainStore store(boolean rocks, String name) {
    ChainStore s =
        rocks
            ? ChainStore.open(StorageConfig.defaults(dir.resolve(name)), CHAIN)
            : ChainStore.open(
                new MemoryKvStore(ChainSchema.COLUMNS),
                StorageConfig.defaults(Path.of(name)),
                CHAIN);
    open.add(s);
    return s;
  }

  ChainStore reopen(ChainStore s, String name) {
    s.close();
    open.remove(s);
    ChainStore again =
        ChainStore.open(
            StorageConfig.defaults(dir.resolve(name)).withMode(OpenMode.MUST_EXIST), CHAIN);
    open.add(again);
    return again;
  }

  /** A source store whose chain has UTXOs, registry records and epoch sets. */
  WrittenSnapshot snapshotOfSource(boolean rocks) {
    source = store(rocks, "source");
    chain = new DeterministicChain(31, CHAIN, 40);
    ChainStoreTest.applyAll(source, chain, BLOCKS);
    return WrittenSnapshot.of(source);
  }

  ChainTip finish(ChainStore target) {
    long h = chain.height();
    Block block = source.blocks().blockAt(h).orElseThrow();
    CommitCertificate cert = source.blocks().certificateAt(h).orElseThrow();
    return target.finishChunkedImport(block, cert, chain.epochSets());
  }

  @ParameterizedTest(name = "rocks={0}")
  @ValueSource(booleans = {false, true})
  void importedStoreEqualsTheSourceAndContinuesTheChain(boolean rocks) throws Exception {
    WrittenSnapshot snap = snapshotOfSource(rocks);
    assertThat(snap.manifest().chunks()).extracting(c -> c.kind()).contains(ChunkKind.RECORDS);
    assertThat(snap.manifest().elementCount(ChunkKind.UTXOS)).isEqualTo(chain.utxos().size());
    ChainStore target = store(rocks, "target");
    target.beginChunkedImport(snap.manifest());
    snap.importAll(target);
    ChainTip tip = finish(target);

    assertThat(tip).isEqualTo(source.tip().orElseThrow());
    ChainStoreTest.assertMatches(target, chain);
    assertThat(target.registry().size()).isEqualTo(chain.records().size()).isPositive();
    assertThat(target.chunkedImportInProgress()).isEmpty();
    assertThat(target.baseHeight()).isEqualTo(chain.height());
    assertThat(target.blocks().blockAt(chain.height() - 1)).isEmpty();
    assertThat(target.blocks().certificateAt(chain.height())).isPresent();

    ChainStoreTest.applyAll(target, chain, 3);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void finishedImportReopensAtTheSnapshotAndAppliesTheNextBlock() throws Exception {
    WrittenSnapshot snap = snapshotOfSource(true);
    ChainStore target = store(true, "target");
    target.beginChunkedImport(snap.manifest());
    snap.importAll(target);
    finish(target);
    target = reopen(target, "target");
    assertThat(target.baseHeight()).isEqualTo(chain.height());
    ChainStoreTest.assertMatches(target, chain);
    ChainStoreTest.applyAll(target, chain, 2);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void importResumesAfterReopenWithTheChunksDoneKept() throws Exception {
    WrittenSnapshot snap = snapshotOfSource(true);
    assertThat(snap.chunks()).hasSizeGreaterThan(1);
    ChainStore target = store(true, "target");
    target.beginChunkedImport(snap.manifest());
    assertThat(target.importChunk(0, snap.chunks().get(0))).isTrue();
    assertThat(target.importChunk(0, snap.chunks().get(0))).isFalse();

    target = reopen(target, "target");
    assertThat(target.chunkedImportInProgress()).contains(snap.manifest());
    assertThat(target.importedChunks().stream().boxed().toList()).containsExactly(0);
    assertThat(target.importChunk(0, snap.chunks().get(0))).isFalse();
    target.beginChunkedImport(snap.manifest()); // the same import: nothing happens
    assertThat(target.importedChunks().cardinality()).isEqualTo(1);
    snap.importAll(target);
    finish(target);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void aFullDiskWhileAChunksUtxosAreStoredLeavesItUndoneAndItImportsOnceThereIsRoom()
      throws Exception {
    WrittenSnapshot snap = snapshotOfSource(true);
    DiskFullKvStore disk =
        new DiskFullKvStore(
            RocksKvStore.open(
                dir.resolve("target"),
                RocksConfig.defaults(),
                ChainSchema.COLUMNS,
                OpenMode.CREATE_IF_MISSING));
    ChainStore target = ChainStore.open(disk, StorageConfig.defaults(dir.resolve("target")), CHAIN);
    open.add(target);
    target.beginChunkedImport(snap.manifest());
    int utxos = 0;
    while (snap.manifest().chunks().get(utxos).kind() != ChunkKind.UTXOS) {
      utxos++;
    }
    int chunk = utxos;
    disk.full = true;
    assertThatThrownBy(() -> target.importChunk(chunk, snap.chunks().get(chunk)))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.DISK_FULL));
    assertThat(target.importedChunks().get(chunk)).as("not marked done").isFalse();
    disk.full = false;
    snap.importAll(target);
    finish(target);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void chunksImportConcurrentlyFromTwoThreads() throws Exception {
    WrittenSnapshot snap = snapshotOfSource(true);
    ChainStore target = store(true, "target");
    target.beginChunkedImport(snap.manifest());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Boolean>> all = new ArrayList<>();
      for (int i = 0; i < snap.chunks().size(); i++) {
        int index = i;
        all.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return target.importChunk(index, snap.chunks().get(index));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      assertThat(all).allSatisfy(f -> assertThat(f.join()).isTrue());
    } finally {
      pool.shutdown();
    }
    finish(target);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void blocksAreRefusedWhileAnImportIsInProgress() {
    WrittenSnapshot snap = snapshotOfSource(false);
    ChainStore target = store(false, "target");
    target.beginChunkedImport(snap.manifest());
    DeterministicChain other = new DeterministicChain(5, CHAIN, 2);
    assertThatThrownBy(() -> ChainStoreTest.applyAll(target, other, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("import is in progress");
  }

  @Test
  void beginIsRefusedOnANonEmptyStoreAndWhileAnotherImportRuns() {
    WrittenSnapshot snap = snapshotOfSource(false);
    assertThatThrownBy(() -> source.beginChunkedImport(snap.manifest()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("empty store");

    ChainStore target = store(false, "target");
    target.beginChunkedImport(snap.manifest());
    SnapshotManifest other =
        new SnapshotManifest(
            snap.manifest().height() + 1,
            snap.manifest().blockHash(),
            snap.manifest().stateRoot(),
            snap.manifest().chunks());
    assertThatThrownBy(() -> target.beginChunkedImport(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in progress");
  }

  @Test
  void manifestWhoseLatticesDoNotSumToItsRootIsRefused() {
    WrittenSnapshot snap = snapshotOfSource(false);
    SnapshotManifest m = snap.manifest();
    List<org.timecoin.storage.snapshot.ChunkInfo> chunks = new ArrayList<>(m.chunks());
    var first = chunks.get(0);
    chunks.set(
        0,
        new org.timecoin.storage.snapshot.ChunkInfo(
            first.kind(),
            first.elementCount(),
            first.byteLength(),
            first.sha256(),
            LtHash16.empty()));
    SnapshotManifest bad = new SnapshotManifest(m.height(), m.blockHash(), m.stateRoot(), chunks);
    ChainStore target = store(false, "target");
    assertThatThrownBy(() -> target.beginChunkedImport(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add up to");
    assertThat(target.chunkedImportInProgress()).isEmpty();
  }

  @Test
  void finishNeedsEveryChunkAndTheSnapshotsBlock() throws Exception {
    WrittenSnapshot snap = snapshotOfSource(false);
    ChainStore target = store(false, "target");
    target.beginChunkedImport(snap.manifest());
    target.importChunk(0, snap.chunks().get(0));
    assertThatThrownBy(() -> finish(target))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunks");
    snap.importAll(target);
    long h = chain.height();
    Block earlier = source.blocks().blockAt(h - 1).orElseThrow();
    CommitCertificate earlierCert = source.blocks().certificateAt(h - 1).orElseThrow();
    assertThatThrownBy(() -> target.finishChunkedImport(earlier, earlierCert, chain.epochSets()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the snapshot's block");
    Block block = source.blocks().blockAt(h).orElseThrow();
    assertThatThrownBy(() -> target.finishChunkedImport(block, earlierCert, chain.epochSets()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificate");
    assertThat(target.chunkedImportInProgress()).isPresent();
    assertThat(target.tip()).isEmpty();
  }

  @ParameterizedTest(name = "rocks={0}")
  @ValueSource(booleans = {false, true})
  void abortDeletesEverythingImported(boolean rocks) throws Exception {
    WrittenSnapshot snap = snapshotOfSource(rocks);
    ChainStore target = store(rocks, "target");
    target.beginChunkedImport(snap.manifest());
    snap.importAll(target);
    assertThat(target.registry().size()).isZero(); // loaded only when the import finishes
    target.abortChunkedImport();
    assertThat(target.chunkedImportInProgress()).isEmpty();
    assertThat(target.importedChunks().isEmpty()).isTrue();
    assertThat(target.registry().size()).isZero();
    try (Stream<Utxo> all = target.utxos().streamUtxos()) {
      assertThat(all).isEmpty();
    }
    target.beginChunkedImport(snap.manifest());
    snap.importAll(target);
    finish(target);
    ChainStoreTest.assertMatches(target, chain);
  }

  @Test
  void theAddressIndexMergesRarelyWhileAnImportRunsResumedOrNotAndAsUsualAfterIt()
      throws Exception {
    WrittenSnapshot snap = snapshotOfSource(true);
    String index = ChainSchema.UTXOS_BY_ADDRESS.name();
    Path path = dir.resolve("target");
    DeferralRecordingKvStore kv = recording(path, OpenMode.CREATE_IF_MISSING);
    ChainStore target = ChainStore.open(kv, StorageConfig.defaults(path), CHAIN);
    assertThat(kv.deferrals).isEmpty();
    target.beginChunkedImport(snap.manifest());
    assertThat(kv.deferrals).containsExactly(index + "=true");
    target.importChunk(0, snap.chunks().get(0));
    target.close();

    kv = recording(path, OpenMode.MUST_EXIST); // a restart: not persisted, deferred again
    target = ChainStore.open(kv, StorageConfig.defaults(path), CHAIN);
    open.add(target);
    assertThat(kv.deferrals).containsExactly(index + "=true");
    snap.importAll(target);
    finish(target);
    assertThat(kv.deferrals).containsExactly(index + "=true", index + "=false");
    ChainStoreTest.assertMatches(target, chain);

    DeferralRecordingKvStore other =
        new DeferralRecordingKvStore(new MemoryKvStore(ChainSchema.COLUMNS));
    ChainStore aborted = ChainStore.open(other, StorageConfig.defaults(Path.of("mem")), CHAIN);
    open.add(aborted);
    aborted.beginChunkedImport(snap.manifest());
    aborted.abortChunkedImport();
    assertThat(other.deferrals).containsExactly(index + "=true", index + "=false");
  }

  private static DeferralRecordingKvStore recording(Path path, OpenMode mode) {
    return new DeferralRecordingKvStore(
        RocksKvStore.open(path, RocksConfig.defaults(), ChainSchema.COLUMNS, mode));
  }

  @Test
  void twoStoresWithTheSameStateCutIdenticalSnapshots() {
    WrittenSnapshot fromRocks = snapshotOfSource(true);
    ChainStore twin = store(false, "twin");
    ChainStoreTest.applyAll(twin, new DeterministicChain(31, CHAIN, 40), BLOCKS);
    WrittenSnapshot fromMemory = WrittenSnapshot.of(twin);
    assertThat(fromMemory.manifest().id()).isEqualTo(fromRocks.manifest().id());
    assertThat(fromMemory.manifest().encode()).isEqualTo(fromRocks.manifest().encode());
    for (int i = 0; i < fromRocks.chunks().size(); i++) {
      assertThat(fromMemory.chunks().get(i)).isEqualTo(fromRocks.chunks().get(i));
    }
    assertThat(fromRocks.manifest().totalBytes())
        .isEqualTo(fromRocks.chunks().stream().mapToLong(c -> c.length).sum());
  }

  @Test
  void emptyStoreHasNothingToSnapshot() {
    ChainStore empty = store(false, "empty");
    assertThatThrownBy(empty::snapshotSource).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void utxosWithoutATipOrAnImportAreReportedOnOpen() {
    Path path = dir.resolve("stray");
    store(true, "stray").close();
    open.clear();
    try (KvStore kv =
        RocksKvStore.open(path, RocksConfig.defaults(), ChainSchema.COLUMNS, OpenMode.MUST_EXIST)) {
      Utxo u = new DeterministicChain(3, CHAIN, 1).next().adds().get(0);
      try (KvBatch batch = kv.newBatch()) {
        kv.write(
            batch.put(
                ChainSchema.UTXOS, ChainSchema.utxoKey(u.outPoint()), ChainSchema.utxoValue(u)));
      }
    }
    assertThatThrownBy(() -> ChainStore.open(StorageConfig.defaults(path), CHAIN))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT))
        .hasMessageContaining("no snapshot import");
  }
}
