package org.timecoin.storage.kv;

class MemoryKvStoreTest extends KvStoreContractTest {
  @Override
  KvStore newStore() {
    return new MemoryKvStore(COLUMNS);
  }
}
