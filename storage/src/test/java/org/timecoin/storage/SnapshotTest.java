package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.kv.RocksConfig;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.tools.DeterministicChain;

class SnapshotTest {
  static final Hash32 CHAIN = Hash32.fromHex("55".repeat(32));

  @TempDir Path dir;
  ChainStore source;
  ChainStore target;
  DeterministicChain chain;
  byte[] snapshot;

  @BeforeEach
  void exportFromASourceChain() throws IOException {
    source = ChainStore.open(StorageConfig.defaults(dir.resolve("source")), CHAIN);
    chain = new DeterministicChain(31, CHAIN, 40);
    ChainStoreTest.applyAllWithoutRegistry(source, chain, 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChainTip at = source.exportSnapshot(out);
    assertThat(at).isEqualTo(source.tip().orElseThrow());
    snapshot = out.toByteArray();
    target = ChainStore.open(StorageConfig.defaults(dir.resolve("target")), CHAIN);
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  ChainTip importInto(ChainStore store, byte[] bytes) throws IOException {
    return store.importSnapshot(new ByteArrayInputStream(bytes), chain.stateRoot());
  }

  @Test
  void importedStoreEqualsTheSourceAndContinuesTheChain() throws IOException {
    ChainTip tip = importInto(target, snapshot);
    assertThat(tip).isEqualTo(source.tip().orElseThrow());
    ChainStoreTest.assertUtxosMatch(target, chain);
    assertThat(target.blocks().blockAt(tip.height())).isPresent();
    assertThat(target.blocks().certificateAt(tip.height())).isPresent();
    assertThat(target.registry().size()).as("a snapshot carries no registry").isZero();
    ChainStoreTest.applyAllWithoutRegistry(target, chain, 2);
    ChainStoreTest.assertUtxosMatch(target, chain);
  }

  @Test
  void importSurvivesReopen() throws IOException {
    importInto(target, snapshot);
    target.close();
    target =
        ChainStore.open(
            StorageConfig.defaults(dir.resolve("target")).withMode(OpenMode.MUST_EXIST), CHAIN);
    ChainStoreTest.assertUtxosMatch(target, chain);
  }

  @Test
  void oneChangedByteIsRefusedAndLeavesTheStoreEmpty() {
    byte[] tampered = snapshot.clone();
    tampered[tampered.length - 9 - 20] ^= 1; // inside the last UTXO record
    assertThatThrownBy(() -> importInto(target, tampered))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snapshot refused");
    assertEmpty(target);
  }

  @Test
  void untrustedStateRootIsRefused() {
    assertThatThrownBy(() -> target.importSnapshot(new ByteArrayInputStream(snapshot), Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected");
    assertEmpty(target);
  }

  @Test
  void truncatedSnapshotIsRefused() {
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length - 100);
    assertThatThrownBy(() -> importInto(target, cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    assertEmpty(target);
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> importInto(target, new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a version");
  }

  @Test
  void anotherChainsSnapshotIsRefused() throws IOException {
    Hash32 other = Hash32.fromHex("66".repeat(32));
    try (ChainStore foreign =
        ChainStore.open(StorageConfig.defaults(dir.resolve("other")), other)) {
      assertThatThrownBy(() -> importInto(foreign, snapshot))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("chain");
    }
  }

  @Test
  void nonEmptyStoreIsRefused() {
    assertThatThrownBy(() -> importInto(source, snapshot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("empty store");
  }

  @Test
  void emptyStoreHasNothingToExport() {
    assertThatThrownBy(() -> target.exportSnapshot(new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void interruptedImportIsDetectedOnReopen() {
    target.close();
    try (KvStore kv =
        RocksKvStore.open(
            dir.resolve("target"),
            RocksConfig.defaults(),
            ChainSchema.COLUMNS,
            OpenMode.MUST_EXIST)) {
      Utxo u = chain.utxos().firstEntry().getValue();
      try (KvBatch batch = kv.newBatch()) {
        kv.write(
            batch.put(
                ChainSchema.UTXOS, ChainSchema.utxoKey(u.outPoint()), ChainSchema.utxoValue(u)));
      }
    }
    Path path = dir.resolve("target");
    assertThatThrownBy(() -> target = ChainStore.open(StorageConfig.defaults(path), CHAIN))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT))
        .hasMessageContaining("interrupted")
        .hasMessageContaining(path.toString());
    target = ChainStore.open(StorageConfig.defaults(dir.resolve("fresh")), CHAIN);
  }

  static void assertEmpty(ChainStore store) {
    assertThat(store.tip()).isEmpty();
    try (Stream<Utxo> all = store.utxos().streamUtxos()) {
      assertThat(all).isEmpty();
    }
  }
}
