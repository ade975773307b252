package org.timecoin.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.ParallelLtHasher;
import org.timecoin.storage.commit.StateElements;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvReader;

/**
 * Sums the state commitment of everything stored: every UTXO and every registry record, read in
 * slices that the hash pool expands while this thread reads on. Memory stays bounded: at most a few
 * slices are in flight.
 */
final class StateScan {
  private static final int SLICE = 8_192;
  private static final int IN_FLIGHT = 4;

  private StateScan() {}

  static LtHash16 sum(KvReader kv, ParallelLtHasher hasher) {
    LtHash16 sum = LtHash16.empty();
    Deque<CompletableFuture<LtHash16>> pending = new ArrayDeque<>();
    List<byte[]> slice = new ArrayList<>(SLICE);
    try (KvCursor cursor = kv.scan(ChainSchema.UTXOS, KeyRange.all())) {
      while (cursor.hasNext()) {
        KvEntry e = cursor.next();
        // A UTXO's canonical encoding is its key followed by its stored value.
        slice.add(
            new ByteWriter(e.key().length + e.value().length)
                .raw(e.key())
                .raw(e.value())
                .toByteArray());
        if (slice.size() == SLICE) {
          if (pending.size() == IN_FLIGHT) {
            sum.add(ParallelLtHasher.join(pending.removeFirst()));
          }
          pending.addLast(hasher.deltaAsync(slice, List.of(), Function.identity()));
          slice = new ArrayList<>(SLICE);
        }
      }
    }
    try (KvCursor cursor = kv.scan(ChainSchema.MASTERNODES, KeyRange.all())) {
      while (cursor.hasNext()) {
        slice.add(StateElements.record(RegistryStore.RECORDS.decodeValue(cursor.next().value())));
      }
    }
    sum.add(hasher.delta(slice, List.of()));
    for (CompletableFuture<LtHash16> f : pending) {
      sum.add(ParallelLtHasher.join(f));
    }
    return sum;
  }
}
