package org.timecoin.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.storage.ChainSchema;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.tools.DeterministicChain;

class SnapshotKeeperTest {
  static final Hash32 CHAIN = Hash32.fromHex("99".repeat(32));

  @TempDir Path dir;
  ChainStore store;
  DeterministicChain chain;

  @BeforeEach
  void open() {
    store =
        ChainStore.open(
            new MemoryKvStore(ChainSchema.COLUMNS), StorageConfig.defaults(Path.of("m")), CHAIN);
    chain = new DeterministicChain(17, CHAIN, 10);
  }

  @AfterEach
  void close() {
    store.close();
  }

  void advance() {
    DeterministicChain.Step s = chain.next();
    store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
  }

  @Test
  void keepsTheNewestSnapshotsAndServesTheirChunks() throws Exception {
    SnapshotKeeper keeper = new SnapshotKeeper(dir, 2);
    List<SnapshotManifest> written = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      advance();
      advance();
      written.add(keeper.write(store.snapshotSource()));
    }
    assertThat(keeper.heights()).containsExactly(5L, 3L);
    assertThat(keeper.manifest(1)).isEmpty();
    assertThat(dir.resolve("1")).doesNotExist();
    SnapshotManifest m = keeper.manifest(5).orElseThrow();
    assertThat(m).isEqualTo(written.get(2));
    assertThat(SnapshotManifest.decode(keeper.manifestBytes(5).orElseThrow())).isEqualTo(m);
    for (int i = 0; i < m.chunks().size(); i++) {
      byte[] chunk = keeper.chunk(5, i).orElseThrow();
      assertThat(SnapshotChunk.verify(i, m.chunks().get(i), chunk).size())
          .isEqualTo(m.chunks().get(i).elementCount());
    }
    assertThat(keeper.chunk(5, m.chunks().size())).isEmpty();
    assertThat(keeper.chunk(1, 0)).isEmpty();

    SnapshotKeeper reopened = new SnapshotKeeper(dir, 2);
    assertThat(reopened.heights()).containsExactly(5L, 3L);
    assertThat(reopened.manifest(3)).contains(written.get(1));
  }

  @Test
  void writingAHeightKeptAlreadyReturnsItsManifest() throws IOException {
    SnapshotKeeper keeper = new SnapshotKeeper(dir, 3);
    advance();
    SnapshotManifest first = keeper.write(store.snapshotSource());
    assertThat(keeper.write(store.snapshotSource())).isEqualTo(first);
    assertThat(keeper.heights()).containsExactly(0L);
  }

  @Test
  void halfWrittenAndUnreadableSnapshotsAreDeletedOnOpen() throws IOException {
    advance();
    new SnapshotKeeper(dir, 3).write(store.snapshotSource());
    Path temp = Files.createDirectories(dir.resolve(SnapshotKeeper.TEMP_PREFIX + "7"));
    Files.write(temp.resolve("chunk-00000"), new byte[] {1});
    Path garbled = Files.createDirectories(dir.resolve("9"));
    Files.write(garbled.resolve(SnapshotKeeper.MANIFEST), new byte[] {1, 2, 3});
    Path noManifest = Files.createDirectories(dir.resolve("11"));

    SnapshotKeeper keeper = new SnapshotKeeper(dir, 3);
    assertThat(keeper.heights()).containsExactly(0L);
    assertThat(temp).doesNotExist();
    assertThat(garbled).doesNotExist();
    assertThat(noManifest).doesNotExist();
  }
}
