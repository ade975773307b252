package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.kv.RocksKvStore.WalStats;
import org.timecoin.storage.tools.DeterministicChain;

/** {@code syncWrites} reaches the WriteOptions of block apply: RocksDB's own counters tell. */
class SyncWritesTest {
  @TempDir Path dir;
  ChainStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @ParameterizedTest(name = "syncWrites={0}")
  @ValueSource(booleans = {true, false})
  void everyAppliedBlockFsyncsTheWalExactlyWhenSyncWritesIsOn(boolean sync) {
    StorageConfig defaults = StorageConfig.defaults(dir.resolve("db"));
    StorageConfig config = defaults.withRocks(defaults.rocks().withSyncWrites(sync));
    RocksKvStore kv =
        RocksKvStore.open(config.path(), config.rocks(), ChainSchema.COLUMNS, config.mode());
    store = ChainStore.open(kv, config, ChainStoreTest.CHAIN);
    WalStats before = kv.walStats();

    ChainStoreTest.applyAll(store, new DeterministicChain(5, ChainStoreTest.CHAIN, 10), 4);

    WalStats after = kv.walStats();
    assertThat(after.writesWithWal() - before.writesWithWal()).isGreaterThanOrEqualTo(4);
    if (sync) {
      assertThat(after.walFileSyncs() - before.walFileSyncs()).isGreaterThanOrEqualTo(4);
    } else {
      assertThat(after.walFileSyncs()).isEqualTo(before.walFileSyncs());
    }
  }
}
