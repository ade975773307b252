package org.timecoin.storage.kv;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Iterates the entries of a key range in key order over a consistent point-in-time view, holding
 * O(1) entries in memory. It holds native resources: always close it (try-with-resources).
 */
public interface KvCursor extends Iterator<KvEntry>, AutoCloseable {
  @Override
  void close();

  /** This cursor as a stream whose {@code close()} closes the cursor. */
  default Stream<KvEntry> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** A stream of decoded values whose {@code close()} closes the cursor. */
  default <T> Stream<T> stream(Function<KvEntry, T> decode) {
    return stream().map(decode);
  }
}
