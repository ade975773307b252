package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.timecoin.common.Hash32;
import org.timecoin.storage.StorageException.Kind;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.kv.RocksConfig;
import org.timecoin.storage.kv.RocksErrors;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.tools.DeterministicChain;

/** Every way a database directory can be wrong, and a full disk, each with a clear error. */
class BadInputTest {
  static final Hash32 CHAIN = Hash32.fromHex("22".repeat(32));
  static final Hash32 OTHER_CHAIN = Hash32.fromHex("33".repeat(32));

  @TempDir Path tmp;

  Path db() {
    return tmp.resolve("db");
  }

  StorageConfig config(OpenMode mode) {
    return StorageConfig.defaults(db()).withMode(mode);
  }

  static void assertStorageError(ThrowingCallable call, Kind kind, Path path, String... words) {
    var assertion =
        assertThatThrownBy(call)
            .isInstanceOfSatisfying(
                StorageException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(kind);
                  assertThat(e.path()).isEqualTo(path);
                })
            .hasMessageContaining(path.toString());
    for (String w : words) {
      assertion.hasMessageContaining(w);
    }
  }

  /** A chain of a few blocks in db(), closed. Returns the generator at its tip. */
  DeterministicChain writeChain(int blocks) {
    DeterministicChain chain = new DeterministicChain(1, CHAIN, 20);
    try (ChainStore store = ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN)) {
      ChainStoreTest.applyAll(store, chain, blocks);
    }
    return chain;
  }

  @Test
  void missingDirectoryIsNotCreatedUnlessAsked() {
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.MISSING, db(), "--init");
    assertThat(db()).doesNotExist();
  }

  @Test
  void emptyDirectoryIsMissingUnlessCreationIsAsked() throws IOException {
    Files.createDirectories(db());
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.MISSING, db());
    try (ChainStore store = ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN)) {
      assertThat(store.tip()).isEmpty();
    }
  }

  @Test
  void directoryWithOtherFilesIsForeign() throws IOException {
    Files.createDirectories(db());
    Files.writeString(db().resolve("notes.txt"), "not a database");
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN),
        Kind.FOREIGN,
        db(),
        "holds no database");
    assertThat(db().resolve("CURRENT")).doesNotExist();
  }

  @Test
  void plainFileIsForeign() throws IOException {
    Files.writeString(db(), "a file");
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN),
        Kind.FOREIGN,
        db(),
        "not a database directory");
  }

  @Test
  void databaseWithUnknownColumnFamiliesIsForeign() throws RocksDBException {
    createRawRocksDb(List.of("wallet", "meta"));
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.FOREIGN, db(), "wallet");
  }

  @Test
  void databaseWithoutOurColumnFamiliesIsForeign() throws RocksDBException {
    createRawRocksDb(List.of());
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN),
        Kind.FOREIGN,
        db(),
        "lacks the column families");
  }

  private void createRawRocksDb(List<String> extraColumns) throws RocksDBException {
    List<ColumnFamilyDescriptor> cfs = new ArrayList<>();
    cfs.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    extraColumns.forEach(
        c -> cfs.add(new ColumnFamilyDescriptor(c.getBytes(StandardCharsets.UTF_8))));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB raw = RocksDB.open(options, db().toString(), cfs, handles)) {
      raw.put("some".getBytes(StandardCharsets.UTF_8), "data".getBytes(StandardCharsets.UTF_8));
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  @Test
  void anotherChainsDatabaseIsForeign() {
    writeChain(2);
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), OTHER_CHAIN),
        Kind.FOREIGN,
        db(),
        CHAIN.toHex(),
        OTHER_CHAIN.toHex());
  }

  @Test
  void anotherSchemaVersionIsForeign() {
    writeChain(1);
    overwriteMeta(
        ChainSchema.MARKER_KEY, SchemaMarker.encode(ChainSchema.SCHEMA_VERSION + 1, CHAIN));
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN),
        Kind.FOREIGN,
        db(),
        "schema " + (ChainSchema.SCHEMA_VERSION + 1));
  }

  @Test
  void dataWithoutMarkerIsForeign() {
    try (KvStore kv =
        RocksKvStore.open(
            db(), RocksConfig.defaults(), ChainSchema.COLUMNS, OpenMode.CREATE_IF_MISSING)) {
      try (KvBatch batch = kv.newBatch()) {
        kv.write(batch.put(ChainSchema.BLOCKS, new byte[8], new byte[] {1}));
      }
    }
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN),
        Kind.FOREIGN,
        db(),
        "no chain marker");
  }

  @Test
  void unreadableMarkerIsCorrupt() {
    writeChain(1);
    overwriteMeta(ChainSchema.MARKER_KEY, new byte[] {1, 2, 3});
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.CORRUPT, db(), "marker");
  }

  @Test
  void tipThatDisagreesWithTheCommitmentIsCorrupt() {
    writeChain(2);
    overwriteMeta(ChainSchema.COMMITMENT_KEY, new byte[2048]);
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.CORRUPT, db(), "disagree");
  }

  @Test
  void unreadableTipIsCorrupt() {
    writeChain(1);
    overwriteMeta(ChainSchema.TIP_KEY, new byte[] {7});
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.CORRUPT, db(), "tip");
  }

  private void overwriteMeta(byte[] key, byte[] value) {
    try (KvStore kv =
        RocksKvStore.open(db(), RocksConfig.defaults(), ChainSchema.COLUMNS, OpenMode.MUST_EXIST)) {
      try (KvBatch batch = kv.newBatch()) {
        kv.write(batch.put(ChainSchema.META, key, value));
      }
    }
  }

  @Test
  void garbledCurrentFileIsCorrupt() throws IOException {
    writeChain(1);
    Files.writeString(db().resolve("CURRENT"), "garbage without newline");
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.CORRUPT, db(), "backup");
  }

  @Test
  void garbledManifestIsCorrupt() throws IOException {
    writeChain(1);
    String manifest = Files.readString(db().resolve("CURRENT")).trim();
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Files.write(db().resolve(manifest), junk);
    assertStorageError(
        () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.CORRUPT, db(), "resync");
  }

  @Test
  void databaseInUseByAnotherStoreIsRefused() {
    try (ChainStore first = ChainStore.open(config(OpenMode.CREATE_IF_MISSING), CHAIN)) {
      assertStorageError(
          () -> ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN), Kind.IO, db(), "in use");
      assertThat(first.tip()).isEmpty();
    }
  }

  @Test
  void fullDiskFailsTheWriteAndLosesNothingCommitted() {
    DeterministicChain chain = writeChain(3);
    ChainTip before;
    DeterministicChain.Step next = chain.next();
    KvStore rocks =
        RocksKvStore.open(db(), RocksConfig.defaults(), ChainSchema.COLUMNS, OpenMode.MUST_EXIST);
    DiskFullKvStore disk = new DiskFullKvStore(rocks);
    try (ChainStore store = ChainStore.open(disk, config(OpenMode.MUST_EXIST), CHAIN)) {
      before = store.tip().orElseThrow();
      Hash32 rootBefore = store.stateRoot();
      // Warm the cache with an output the failed block spends.
      var spent = next.removes().get(0);
      assertThat(store.utxos().get(spent.outPoint()).join()).contains(spent);
      disk.full = true;
      assertStorageError(
          () ->
              store.applyBlock(
                  next.block(), next.certificate(), next.adds(), next.removes(), next.registry()),
          Kind.DISK_FULL,
          db(),
          "free space",
          "intact");
      assertThat(store.tip()).contains(before);
      assertThat(store.stateRoot()).isEqualTo(rootBefore);
      assertThat(store.utxos().get(spent.outPoint()).join()).contains(spent);
      assertThat(store.utxos().get(next.adds().get(0).outPoint()).join()).isEmpty();
    }
    try (ChainStore reopened = ChainStore.open(config(OpenMode.MUST_EXIST), CHAIN)) {
      assertThat(reopened.tip()).contains(before);
      assertThat(reopened.recomputeStateRoot()).isEqualTo(before.stateRoot());
      // Space is back: the same block now applies.
      reopened.applyBlock(
          next.block(), next.certificate(), next.adds(), next.removes(), next.registry());
      assertThat(reopened.tip().orElseThrow().height()).isEqualTo(before.height() + 1);
      assertThat(reopened.stateRoot()).isEqualTo(chain.stateRoot());
    }
  }

  @Test
  void rocksErrorsAreNamedWithTheirRemedy() {
    Path p = Path.of("/data/chain");
    assertThat(translate(p, Status.Code.Corruption, Status.SubCode.None, "block checksum mismatch"))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.CORRUPT))
        .hasMessageContaining("/data/chain")
        .hasMessageContaining("restore it from a backup");
    assertThat(translate(p, Status.Code.IOError, Status.SubCode.NoSpace, "write failed"))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DISK_FULL))
        .hasMessageContaining("free space");
    assertThat(translate(p, Status.Code.IOError, Status.SubCode.None, "While lock file: LOCK"))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.IO))
        .hasMessageContaining("another process");
    assertThat(translate(p, Status.Code.IOError, Status.SubCode.None, "Permission denied"))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.IO))
        .hasMessageContaining("permissions");
  }

  private static StorageException translate(
      Path p, Status.Code code, Status.SubCode sub, String message) {
    return RocksErrors.translate(
        p, "testing", new RocksDBException(message, new Status(code, sub, message)));
  }

  @Test
  void everyColumnFamilyOfTheSchemaExistsAfterCreation() throws RocksDBException {
    writeChain(1);
    try (Options options = new Options()) {
      List<String> names =
          RocksDB.listColumnFamilies(options, db().toString()).stream()
              .map(b -> new String(b, StandardCharsets.UTF_8))
              .toList();
      assertThat(names).containsAll(ChainSchema.COLUMNS.stream().map(KvColumn::name).toList());
    }
  }
}
