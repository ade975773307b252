package org.timecoin.storage;

/** Counters of the UTXO cache since the store was opened. */
public record UtxoCacheStats(long hits, long misses, long evictions, long estimatedBytes) {
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
