package org.timecoin.storage.kv;

/**
 * Writes collected in memory and applied atomically by {@link KvStore#write(KvBatch)}: after a
 * crash either all of them are visible or none. Not thread-safe. Close it if it is never written.
 */
public interface KvBatch extends AutoCloseable {
  KvBatch put(KvColumn column, byte[] key, byte[] value);

  KvBatch delete(KvColumn column, byte[] key);

  /** Number of puts and deletes collected so far. */
  int size();

  default <K, V> KvBatch put(Column<K, V> column, K key, V value) {
    return put(column.family(), column.key(key), column.value(value));
  }

  default <K, V> KvBatch delete(Column<K, V> column, K key) {
    return delete(column.family(), column.key(key));
  }

  @Override
  void close();
}
