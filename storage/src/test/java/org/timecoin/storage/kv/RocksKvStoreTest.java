package org.timecoin.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.storage.StorageException;

class RocksKvStoreTest extends KvStoreContractTest {
  @TempDir Path dir;

  @Override
  KvStore newStore() {
    return RocksKvStore.open(
        dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.CREATE_IF_MISSING);
  }

  @Test
  void writesSurviveReopen() {
    put(A, b("k"), b("v"));
    store.close();
    store =
        RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST);
    assertThat(store.createdNew()).isFalse();
    assertThat(store.get(A, b("k"))).isEqualTo(b("v"));
  }

  @Test
  void unloggedWritesSurviveReopenOnceFlushed() {
    try (KvBatch batch = store.newBatch()) {
      store.writeUnlogged(batch.put(A, b("k"), b("v")));
    }
    store.flush();
    store.close();
    store =
        RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST);
    assertThat(store.get(A, b("k"))).isEqualTo(b("v"));
  }

  @Test
  void aSortedRunSurvivesReopenWithoutAFlushAndItsFileIsNotLeftBehind() throws IOException {
    List<KvEntry> run = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      run.add(new KvEntry(bytes(i >>> 8, i & 0xff), b("v" + i)));
    }
    store.ingestSorted(A, run);
    store.close();
    store =
        RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST);
    assertThat(store.get(A, bytes(3, 0xe7))).isEqualTo(b("v999"));
    try (Stream<Path> left = Files.list(dir.resolve("db").resolve("ingest"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void filesAnInterruptedBulkLoadLeftAreDeletedOnOpen() throws IOException {
    store.close();
    Path leftover = dir.resolve("db").resolve("ingest").resolve("7.sst");
    Files.write(leftover, new byte[] {1, 2, 3});
    store =
        RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST);
    assertThat(leftover).doesNotExist();
  }

  @Test
  void aBulkLoadDirectoryThatCannotBeClearedStopsTheOpenNamingIt() throws IOException {
    store.close();
    Path stuck = dir.resolve("db").resolve("ingest").resolve("not-ours");
    Files.createDirectories(stuck);
    Files.write(stuck.resolve("file"), new byte[] {1});
    assertThatThrownBy(
            () ->
                RocksKvStore.open(
                    dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.IO))
        .hasMessageContaining("bulk-load directory")
        .hasMessageContaining("ingest");
    Files.delete(stuck.resolve("file"));
    Files.delete(stuck);
    store =
        RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), COLUMNS, OpenMode.MUST_EXIST);
    assertThat(store.get(A, b("missing"))).isNull();
  }

  @Test
  void syncWritesAreDurableToo() {
    store.close();
    store =
        RocksKvStore.open(
            dir.resolve("db"),
            RocksConfig.defaults().withSyncWrites(true),
            COLUMNS,
            OpenMode.CREATE_IF_MISSING);
    put(B, b("k"), b("v"));
    assertThat(store.get(B, b("k"))).isEqualTo(b("v"));
    assertThat(store.location()).contains(dir.resolve("db"));
  }

  @Test
  void deferredFilesGatherWithoutStoppingWritesAndAreMergedInTheBackgroundAfterwards() {
    RocksKvStore rocks = (RocksKvStore) store;
    rocks.deferCompactions(A, true);
    int files = 40; // beyond RocksDB's default stop trigger (36 files at level 0)
    for (int i = 0; i < files; i++) {
      put(A, bytes(i), b("v" + i));
      rocks.flush();
    }
    assertThat(rocks.level0Files(A)).isEqualTo(files); // not one merge yet
    EngineStats gathered = rocks.engineStats().orElseThrow();
    assertThat(gathered.writeStopped()).isFalse();
    assertThat(gathered.delayedWriteRate()).isZero();

    rocks.deferCompactions(A, false);
    assertThat(rocks.engineStats().orElseThrow().writeStopped()).isFalse();
    put(A, bytes(200), b("after")); // not held up by the merge
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rocks.level0Files(A) < L0Triggers.DEFERRED_COMPACTION / 4);
    for (int i = 0; i < files; i++) {
      assertThat(rocks.get(A, bytes(i))).isEqualTo(b("v" + i));
    }
    assertThat(rocks.get(A, bytes(200))).isEqualTo(b("after"));
  }

  /** RocksDB writes the options in force to an OPTIONS file; the WAL must be bounded there. */
  @Test
  void walSizeIsBoundedSoRarelyWrittenColumnsDoNotPinOldLogs() throws IOException {
    put(A, b("k"), b("v"));
    String options;
    try (Stream<Path> files = Files.list(dir.resolve("db"))) {
      Path latest =
          files
              .filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
              .max(java.util.Comparator.comparing(Path::toString))
              .orElseThrow();
      options = Files.readString(latest);
    }
    assertThat(options).contains("max_total_wal_size=" + RocksKvStore.MAX_TOTAL_WAL_BYTES);
  }
}
