package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.StorageSection;
import picocli.CommandLine.Option;

/** The options of a loaded process devnet that {@code devnet} and {@code wire} share. */
public final class LoadedDevnetOptions {
  @Option(names = "--validators", defaultValue = "4", description = "Validators (processes).")
  int validators;

  @Option(names = "--keys", defaultValue = "10000", description = "Keys the load spends from.")
  int keys;

  @Option(
      names = "--warmup-s",
      defaultValue = "300",
      description =
          "Longest load before the measured window; it opens earlier, once the nodes' JIT"
              + " compilers have settled.")
  long warmupS;

  @Option(
      names = "--drain-s",
      defaultValue = "15",
      description = "After the window, how long the load waits for its transfers' blocks.")
  long drainS;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      description = "Least time between blocks (the node default).")
  long blockIntervalMs;

  @Option(
      names = "--empty-block-interval-ms",
      defaultValue = "2000",
      description = "An empty block this often when idle.")
  long emptyBlockIntervalMs;

  @Option(
      names = "--sample-ms",
      defaultValue = "20",
      description = "How often every node's height is read over RPC.")
  long sampleMs;

  @Option(
      names = "--sync-writes",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Validators fsync each finalized block (the node default); --no-sync-writes tells what"
              + " their sharing one disk adds.")
  boolean syncWrites;

  @Option(
      names = "--dir",
      description = "Parent of the devnets' temporary directories (default: system temp).")
  Path dir;

  /**
   * A run of {@code load} transfers/s for a window of {@code seconds}, nodes set by {@code config}.
   */
  LoadedDevnet.Plan plan(int load, long seconds, UnaryOperator<NodeConfig> config) {
    return new LoadedDevnet.Plan(
        validators,
        load,
        keys,
        warmupS,
        seconds,
        drainS,
        Duration.ofMillis(blockIntervalMs),
        Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
        sampleMs,
        c -> {
          NodeConfig set = config.apply(c);
          return set.withStorage(new StorageSection(set.storage().cacheBytes(), syncWrites));
        });
  }
}
