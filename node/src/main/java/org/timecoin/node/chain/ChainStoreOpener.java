package org.timecoin.node.chain;

import java.util.function.UnaryOperator;
import org.timecoin.common.Hash32;
import org.timecoin.storage.ChainSchema;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.RocksKvStore;

/**
 * Opens the node's chain store over RocksDB, optionally through a wrapper of the key-value store
 * (tests inject storage faults that way).
 */
public final class ChainStoreOpener {
  private ChainStoreOpener() {}

  public static ChainStore open(StorageConfig config, Hash32 chainId, UnaryOperator<KvStore> wrap) {
    KvStore kv =
        wrap.apply(
            RocksKvStore.open(config.path(), config.rocks(), ChainSchema.COLUMNS, config.mode()));
    try {
      return ChainStore.open(kv, config, chainId);
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }
}
