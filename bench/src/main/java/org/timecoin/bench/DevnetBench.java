package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.timecoin.bench.VerifyThroughput.Limit;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.devnet.LoadGenerator;
import org.timecoin.node.mempool.Mempool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench devnet}: validators in this JVM over loopback TCP under a steady load of signed
 * transfers (the node's {@link LoadGenerator}), all submitted to node 0, whose stored blocks mark
 * them final. The Ed25519 limit is measured on the same machine before the nodes start and after
 * they stop.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "A loaded devnet: committed tx/s, finality, propagation, height spread.")
public final class DevnetBench extends BenchCommand {
  @Option(names = "--validators", defaultValue = "4", description = "Validators in the devnet.")
  int validators;

  @Option(names = "--load", defaultValue = "1000", description = "Transfers submitted per second.")
  int load;

  @Option(names = "--seconds", defaultValue = "60", description = "Measured window.")
  long seconds;

  @Option(
      names = "--warmup-s",
      defaultValue = "5",
      description = "Load before the measured window.")
  long warmupS;

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
      defaultValue = "50",
      description = "How often node heights are compared.")
  long sampleMs;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Mixin LimitOptions limitOptions;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Limit before = limitOptions.measure(clock, seed, progress);
    LoadGenerator generator = new LoadGenerator(clock);
    // Outputs in flight = load × finality; a spent output is reusable once its block is final.
    int coins = (int) Math.min(60_000, Math.max(1_000, load * 10L));
    List<TxOut> extra = generator.genesisAllocations(coins);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            extra,
            clock,
            seed)) {
      GenesisConfig genesis = devnet.net().genesis();
      generator.init(genesis.chainId(), genesis.params(), genesis.genesisTransaction());
      progress.log("starting %d validators", validators);
      devnet.startAll();
      devnet.net().node(0).chain().addListener((block, cert) -> generator.onBlock(block));
      devnet.awaitAllAt(1, Duration.ofSeconds(60));
      List<Mempool> receiver = List.of(devnet.net().node(0).mempool());
      int perTick = Math.max(1, load / 100);
      long periodMicros = 1_000_000L * perTick / load;
      timer.scheduleAtFixedRate(
          () -> generator.submit(perTick, receiver), 0, periodMicros, TimeUnit.MICROSECONDS);
      progress.log("load %d tx/s on node0, warming up %d s", load, warmupS);
      devnet.times().await(() -> false, Duration.ofSeconds(warmupS));
      generator.takeWindow();
      long fromHeight = devnet.maxRunningHeight() + 1;
      AtomicLong maxSpread = new AtomicLong();
      var sampler =
          timer.scheduleAtFixedRate(
              () ->
                  maxSpread.accumulateAndGet(
                      devnet.maxRunningHeight() - devnet.minRunningHeight(), Math::max),
              0,
              sampleMs,
              TimeUnit.MILLISECONDS);
      long start = clock.monoNanos();
      progress.log("measuring %d s from height %d", seconds, fromHeight);
      devnet.times().await(() -> false, Duration.ofSeconds(seconds));
      LoadGenerator.Window window = generator.takeWindow();
      double measuredS = (clock.monoNanos() - start) / 1e9;
      sampler.cancel(false);
      long toHeight = devnet.minRunningHeight();
      List<Long> spreads = devnet.times().spreads(fromHeight, toHeight, validators);
      timer.shutdownNow();
      devnet.net().close();
      // Measured before and after the nodes ran: other work on the machine changes.
      Limit after = limitOptions.measure(clock, seed, progress);
      double limitPerS = (before.perSecondAll() + after.perSecondAll()) / 2;
      Samples propagation = new Samples();
      spreads.forEach(propagation::add);
      double committedTps = window.committed() / measuredS;
      double perValidatorLimit = limitPerS / validators;
      report.field("validators", validators);
      report.field("load_tps", load);
      report.field("seconds", measuredS);
      report.field("heights", toHeight - fromHeight + 1);
      report.figure("committed_tps", committedTps, "tx/s", "committed transfers/s");
      report.figure("finality_ms_p50", window.p50Ms(), "ms", "submit to final on node0, p50");
      report.figure("finality_ms_p99", window.p99Ms(), "ms", "submit to final on node0, p99");
      double propagationP99 = propagation.count() == 0 ? Double.NaN : propagation.p99Ms();
      report.figure(
          "propagation_ms_p99", propagationP99, "ms", "first to last node storing a height, p99");
      report.figure("max_height_spread", maxSpread.get(), "", "largest height difference seen");
      report.field("verify_per_s_all_before", before.perSecondAll());
      report.field("verify_per_s_all_after", after.perSecondAll());
      report.figure("verify_per_s_all", limitPerS, "/s", "Ed25519 limit, all cores (mean)");
      report.figure(
          "tps_over_limit", committedTps / perValidatorLimit, "", "committed / (limit/validators)");
      report.goalAtLeast("committed_tps", "committed >= 3,000 tx/s", committedTps, 3_000);
      report.goalAtLeast(
          "tps_over_limit",
          "committed >= half the limit per validator",
          committedTps / perValidatorLimit,
          0.5);
      report.goalAtMost("finality_p99", "finality p99 <= 2 s", window.p99Ms(), 2_000);
      report.goalAtMost("propagation_p99", "propagation p99 <= 200 ms", propagationP99, 200);
      report.goalAtMost("height_spread", "nodes within 1 block", maxSpread.get(), 1);
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
