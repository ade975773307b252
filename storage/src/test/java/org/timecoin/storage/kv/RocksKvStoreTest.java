package org.timecoin.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

  /** The options in force, from the OPTIONS file RocksDB writes at each open. */
  String optionsInForce() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("db"))) {
      Path latest =
          files
              .filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
              .max(java.util.Comparator.comparing(Path::toString))
              .orElseThrow();
      return Files.readString(latest);
    }
  }

  @Test
  void walSizeIsBoundedSoRarelyWrittenColumnsDoNotPinOldLogs() throws IOException {
    assertThat(optionsInForce()).contains("max_total_wal_size=" + RocksKvStore.MAX_TOTAL_WAL_BYTES);
  }

  @Test
  void pointLookupColumnsUseSmallHashIndexedBlocks() throws IOException {
    String options = optionsInForce();
    String a = options.substring(options.indexOf("[TableOptions/BlockBasedTable \"a\"]"));
    a = a.substring(0, a.indexOf("[CFOptions", 1) < 0 ? a.length() : a.indexOf("[CFOptions", 1));
    assertThat(a)
        .contains("block_size=" + RocksKvStore.POINT_LOOKUP_BLOCK_BYTES)
        .contains("data_block_index_type=kDataBlockBinaryAndHash");
    String b = options.substring(options.indexOf("[TableOptions/BlockBasedTable \"b\"]"));
    assertThat(b)
        .contains("block_size=16384")
        .contains("data_block_index_type=kDataBlockBinarySearch");
  }
}
