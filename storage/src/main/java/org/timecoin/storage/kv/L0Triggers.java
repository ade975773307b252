package org.timecoin.storage.kv;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.MutableColumnFamilyOptions;

/**
 * How many freshly flushed files a column gathers before RocksDB merges them, and before it slows
 * or stops writes. Keys loaded in random order overlap every file merged before them, so each merge
 * rewrites all of it: merged every few files (the default), a 10-million-entry index is rewritten
 * some twenty times over during its load. Deferred, the files are merged once many have gathered.
 * Writes are slowed only well past that, deferred or not once a deferral began: after a bulk load
 * the dozens of files it left are merged in the background, and writes must not wait for that.
 */
final class L0Triggers {
  static final int DEFERRED_COMPACTION = 64;
  static final int SLOWDOWN_AFTER_DEFERRAL = 96;
  static final int STOP_AFTER_DEFERRAL = 128;

  private static final int COMPACTION;

  static {
    // the columns keep RocksDB's default for it: restored from the engine itself
    try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
      COMPACTION = defaults.level0FileNumCompactionTrigger();
    }
  }

  private L0Triggers() {}

  static MutableColumnFamilyOptions of(boolean deferred) {
    return MutableColumnFamilyOptions.builder()
        .setLevel0FileNumCompactionTrigger(deferred ? DEFERRED_COMPACTION : COMPACTION)
        .setLevel0SlowdownWritesTrigger(SLOWDOWN_AFTER_DEFERRAL)
        .setLevel0StopWritesTrigger(STOP_AFTER_DEFERRAL)
        .build();
  }
}
