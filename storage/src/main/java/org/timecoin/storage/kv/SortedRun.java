package org.timecoin.storage.kv;

import java.util.Arrays;
import java.util.List;

/** The precondition of {@link KvStore#ingestSorted}: keys strictly ascending as unsigned bytes. */
final class SortedRun {
  private SortedRun() {}

  static void checkAscending(List<KvEntry> entries) {
    for (int i = 1; i < entries.size(); i++) {
      if (Arrays.compareUnsigned(entries.get(i - 1).key(), entries.get(i).key()) >= 0) {
        throw new IllegalArgumentException(
            "a sorted run needs strictly ascending keys: entry "
                + i
                + " does not follow "
                + (i - 1));
      }
    }
  }
}
