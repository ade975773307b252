package org.timecoin.storage.kv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read operations shared by a live store and a snapshot. */
public interface KvReader {
  /** The value stored under key, or null if absent. */
  byte[] get(KvColumn column, byte[] key);

  /** One value (or null) per key, in the order of {@code keys}; one batched lookup. */
  List<byte[]> multiGet(KvColumn column, List<byte[]> keys);

  /**
   * Entries of the range in key order over a consistent view (a scan of the live store sees the
   * store as it was when the scan began). Close the cursor.
   */
  KvCursor scan(KvColumn column, KeyRange range);

  default <K, V> Optional<V> get(Column<K, V> column, K key) {
    byte[] raw = get(column.family(), column.key(key));
    return raw == null ? Optional.empty() : Optional.of(column.decodeValue(raw));
  }

  /** The present keys among {@code keys} with their values, fetched with one multiGet. */
  default <K, V> Map<K, V> getAll(Column<K, V> column, Collection<K> keys) {
    List<K> keyList = List.copyOf(keys);
    List<byte[]> raw = new ArrayList<>(keyList.size());
    for (K k : keyList) {
      raw.add(column.key(k));
    }
    List<byte[]> values = multiGet(column.family(), raw);
    Map<K, V> out = HashMap.newHashMap(keyList.size());
    for (int i = 0; i < keyList.size(); i++) {
      byte[] v = values.get(i);
      if (v != null) {
        out.put(keyList.get(i), column.decodeValue(v));
      }
    }
    return out;
  }
}
