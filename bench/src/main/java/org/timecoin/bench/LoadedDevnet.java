package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.timecoin.common.time.Clock;
import org.timecoin.node.config.NodeConfig;

/**
 * One run of a process devnet under {@code bench load}: the validators start, the load runs its
 * warm-up, then during its measured window the heights are sampled and the bytes the nodes write
 * are counted; the load's report comes after its drain.
 */
final class LoadedDevnet {
  /** What to run. */
  record Plan(
      int validators,
      int load,
      int keys,
      long warmupS,
      long seconds,
      long drainS,
      Duration blockInterval,
      Duration emptyBlockInterval,
      long sampleMs,
      UnaryOperator<NodeConfig> config) {}

  /**
   * The load's report, its warm-up, the heights of its window, the largest height spread in it, the
   * spread at each height (first to last node) as polled and as the nodes timed it, the nodes'
   * counters over the window, and the cores the validators' processes and the load's process used
   * in it (CPU seconds over wall seconds).
   */
  record Result(
      JsonNode load,
      JitSettle.Outcome warmup,
      long fromHeight,
      long toHeight,
      long maxSpread,
      List<Long> spreads,
      List<Long> storedSpreads,
      NodeCounters counters,
      double nodeCores,
      double loadCores) {}

  /** Seconds the load's process takes to start and derive its keys before it sends anything. */
  private static final long LOAD_START_S = 3;

  private LoadedDevnet() {}

  static Result run(Plan plan, Path dir, Clock clock, long seed, Progress progress)
      throws Exception {
    LoadKeys loadKeys = LoadKeys.derive(seed, plan.keys());
    int coins = LoadFunding.coins(plan.load(), plan.keys(), plan.validators());
    try (ProcessDevnet devnet =
        ProcessDevnet.create(
            dir,
            plan.validators(),
            plan.blockInterval(),
            plan.emptyBlockInterval(),
            loadKeys.genesisAllocations(coins, LoadFunding.COIN),
            plan.config(),
            clock,
            seed)) {
      progress.log("starting %d validator processes", plan.validators());
      devnet.startAll(Duration.ofMillis(plan.sampleMs()));
      devnet.awaitAllAt(1, Duration.ofSeconds(120));
      progress.log(
          "load process: %d tx/s from %d keys (%d coins) to every validator",
          plan.load(), plan.keys(), coins);
      return underLoad(devnet, plan, seed, progress);
    }
  }

  static int coins(Plan plan) {
    return LoadFunding.coins(plan.load(), plan.keys(), plan.validators());
  }

  private static Result underLoad(ProcessDevnet devnet, Plan plan, long seed, Progress progress)
      throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicLong maxSpread = new AtomicLong();
    List<String> options =
        List.of(
            "--keys=" + plan.keys(),
            "--rate=" + plan.load(),
            "--seconds=" + plan.seconds(),
            // The window opens when the nodes' compilers have settled; the load's own warm-up
            // limit is only a fallback should this process fail to say so.
            "--warmup-s=" + (plan.warmupS() + LOAD_START_S),
            "--window-on-stdin",
            "--drain-s=" + plan.drainS());
    try (LoadProcess loadProcess =
        LoadProcess.start(devnet, devnet.home(0).getParent(), seed, options)) {
      // The load's JVM start and key derivation come before its warm-up.
      devnet.times().await(() -> false, Duration.ofSeconds(LOAD_START_S));
      JitSettle.Outcome warmup =
          JitSettle.await(devnet, plan.validators(), Duration.ofSeconds(plan.warmupS()));
      try {
        loadProcess.openWindow();
      } catch (IOException e) {
        // the load has ended already: its report (awaited below) says why
      }
      progress.log(
          "measured window opens after %.0f s of load: compilers busy %.2f of the time per node%s",
          warmup.waitedS(), warmup.lastShare(), warmup.settled() ? "" : " (not settled)");
      long fromHeight = devnet.maxRunningHeight() + 1;
      NodeCounters countersBefore = devnet.counters();
      long windowStart = System.nanoTime();
      Duration nodeCpuBefore = devnet.cpu();
      Duration loadCpuBefore = loadProcess.cpu();
      timer.scheduleAtFixedRate(
          () ->
              maxSpread.accumulateAndGet(
                  devnet.maxRunningHeight() - devnet.minRunningHeight(), Math::max),
          0,
          plan.sampleMs(),
          TimeUnit.MILLISECONDS);
      // A load that stops early ends the window: its report (awaited below) says why.
      devnet.times().await(() -> !loadProcess.isAlive(), Duration.ofSeconds(plan.seconds()));
      timer.shutdownNow();
      double windowS = (System.nanoTime() - windowStart) / 1e9;
      double nodeCores = devnet.cpu().minus(nodeCpuBefore).toNanos() / 1e9 / windowS;
      double loadCores = loadProcess.cpu().minus(loadCpuBefore).toNanos() / 1e9 / windowS;
      NodeCounters counters = devnet.counters().minus(countersBefore);
      long toHeight = devnet.minRunningHeight();
      JsonNode report =
          loadProcess.awaitReport(
              Duration.ofSeconds(plan.seconds() + plan.warmupS() + plan.drainS() + 120));
      List<Long> spreads = devnet.times().spreads(fromHeight, toHeight, plan.validators());
      List<Long> storedSpreads = devnet.storedSpreads(fromHeight, toHeight);
      return new Result(
          report,
          warmup,
          fromHeight,
          toHeight,
          maxSpread.get(),
          spreads,
          storedSpreads,
          counters,
          nodeCores,
          loadCores);
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
