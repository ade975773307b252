package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.timecoin.bench.VerifyThroughput.Limit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench devnet}: validators each in a process of their own over loopback TCP, under the
 * honest load ({@code bench load} in another process, over JSON-RPC to every validator). The
 * Ed25519 limit is measured on the same machine before the nodes start and after they stop.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "A loaded devnet: committed tx/s, finality, propagation, height spread.")
public final class DevnetBench extends BenchCommand {
  @Option(names = "--validators", defaultValue = "4", description = "Validators (processes).")
  int validators;

  @Option(names = "--load", defaultValue = "1000", description = "Transfers offered per second.")
  int load;

  @Option(names = "--keys", defaultValue = "10000", description = "Keys the load spends from.")
  int keys;

  @Option(names = "--seconds", defaultValue = "60", description = "Measured window.")
  long seconds;

  @Option(
      names = "--warmup-s",
      defaultValue = "5",
      description = "Load before the measured window.")
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
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Mixin LimitOptions limitOptions;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Limit before = limitOptions.measure(clock, seed, progress);
    LoadKeys loadKeys = LoadKeys.derive(seed, keys);
    int coins = LoadFunding.coins(load, keys, validators);
    Observed observed;
    List<Long> spreads;
    try (ProcessDevnet devnet =
        ProcessDevnet.create(
            dir,
            validators,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            loadKeys.genesisAllocations(coins, LoadFunding.COIN),
            clock,
            seed)) {
      progress.log("starting %d validator processes", validators);
      devnet.startAll(Duration.ofMillis(sampleMs));
      devnet.awaitAllAt(1, Duration.ofSeconds(120));
      progress.log(
          "load process: %d tx/s from %d keys (%d coins) to every validator", load, keys, coins);
      observed = underLoad(devnet);
      spreads = devnet.times().spreads(observed.fromHeight(), observed.toHeight(), validators);
    }
    Limit after = limitOptions.measure(clock, seed, progress);
    report.field("validators", validators);
    report.field("load_tps", load);
    report.field("keys", keys);
    report.field("genesis_coins", coins);
    report.field("heights", observed.toHeight() - observed.fromHeight() + 1);
    double committedTps = LoadFunding.copyLoadFigures(observed.load(), report);
    Samples propagation = new Samples();
    spreads.forEach(propagation::add);
    double propagationP99 = propagation.count() == 0 ? Double.NaN : propagation.p99Ms();
    report.figure(
        "propagation_ms_p99",
        propagationP99,
        "ms",
        "first to last node seen at a height, p99 (polled every " + sampleMs + " ms)");
    report.field("propagation_samples", propagation.count());
    report.figure("max_height_spread", observed.maxSpread(), "", "largest height difference seen");
    double limitPerS = (before.perSecondAll() + after.perSecondAll()) / 2;
    report.field("verify_per_s_all_before", before.perSecondAll());
    report.field("verify_per_s_all_after", after.perSecondAll());
    report.figure("verify_per_s_all", limitPerS, "/s", "Ed25519 limit, all cores (mean)");
    double overLimit = committedTps / (limitPerS / validators);
    report.figure("tps_over_limit", overLimit, "", "committed / (limit/validators)");
    report.goalAtLeast("committed_tps", "committed >= 3,000 tx/s", committedTps, 3_000);
    report.goalAtLeast(
        "tps_over_limit", "committed >= half the limit per validator", overLimit, 0.5);
    report.goalAtMost(
        "finality_p99",
        "finality p99 <= 2 s",
        number(observed.load().get("finality_ms_p99")),
        2_000);
    report.goalAtMost("propagation_p99", "propagation p99 <= 200 ms", propagationP99, 200);
    report.goalAtMost("height_spread", "nodes within 1 block", observed.maxSpread(), 1);
  }

  /** The load's report, the heights of its window and the largest height spread in it. */
  private record Observed(JsonNode load, long fromHeight, long toHeight, long maxSpread) {}

  /** Runs {@code bench load} against every validator; samples the heights during its window. */
  private Observed underLoad(ProcessDevnet devnet) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicLong maxSpread = new AtomicLong();
    List<String> options =
        List.of(
            "--keys=" + keys,
            "--rate=" + load,
            "--seconds=" + seconds,
            "--warmup-s=" + warmupS,
            "--drain-s=" + drainS);
    try (LoadProcess loadProcess =
        LoadProcess.start(devnet, devnet.home(0).getParent(), seed, options)) {
      // The load's JVM start and key derivation come before its warm-up: wait for its blocks.
      devnet.times().await(() -> false, Duration.ofSeconds(warmupS + 3));
      long fromHeight = devnet.maxRunningHeight() + 1;
      timer.scheduleAtFixedRate(
          () ->
              maxSpread.accumulateAndGet(
                  devnet.maxRunningHeight() - devnet.minRunningHeight(), Math::max),
          0,
          sampleMs,
          TimeUnit.MILLISECONDS);
      devnet.times().await(() -> false, Duration.ofSeconds(seconds));
      timer.shutdownNow();
      long toHeight = devnet.minRunningHeight();
      JsonNode report =
          loadProcess.awaitReport(Duration.ofSeconds(seconds + warmupS + drainS + 120));
      return new Observed(report, fromHeight, toHeight, maxSpread.get());
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** A number of the load's report; null (no sample) is NaN, which misses every goal. */
  static double number(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }
}
