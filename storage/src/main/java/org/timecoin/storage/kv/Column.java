package org.timecoin.storage.kv;

import java.util.Objects;
import org.timecoin.common.codec.Codec;

/**
 * A typed view of a column family: keys and values go through codecs. Range scans follow the order
 * of the encoded keys, so key codecs of scanned columns must be order-preserving (see {@link
 * KeyCodecs}).
 */
public record Column<K, V>(KvColumn family, Codec<K> keyCodec, Codec<V> valueCodec) {
  public Column {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
  }

  public byte[] key(K key) {
    return keyCodec.encode(key);
  }

  public byte[] value(V value) {
    return valueCodec.encode(value);
  }

  public K decodeKey(byte[] bytes) {
    return keyCodec.decode(bytes);
  }

  public V decodeValue(byte[] bytes) {
    return valueCodec.decode(bytes);
  }
}
