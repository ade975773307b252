package org.timecoin.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
