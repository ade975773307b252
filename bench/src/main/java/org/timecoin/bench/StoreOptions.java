package org.timecoin.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the temporary database goes and how big the UTXO cache is. */
public final class StoreOptions {
  @Option(
      names = "--dir",
      description = "Parent of the temporary database directory (default: the system temp dir).")
  Path dir;

  @Option(
      names = "--cache-mb",
      defaultValue = "64",
      description = "UTXO cache budget in MiB (the storage default is 64).")
  long cacheMb;

  @Option(names = "--keys", defaultValue = "4096", description = "Distinct keys owning the UTXOs.")
  int keys;

  @Option(
      names = "--load-chunk",
      defaultValue = "100000",
      description = "Initial UTXOs per loading block.")
  int loadChunk;

  long cacheBytes() {
    return cacheMb << 20;
  }
}
