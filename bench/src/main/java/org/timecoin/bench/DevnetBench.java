package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.UnaryOperator;
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
  @Option(names = "--load", defaultValue = "1000", description = "Transfers offered per second.")
  int load;

  @Option(
      names = "--seconds",
      defaultValue = "120",
      description = "Measured window (about one height a second: 100 propagation samples or more).")
  long seconds;

  @Mixin LoadedDevnetOptions devnet;

  @Mixin LimitOptions limitOptions;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Limit before = limitOptions.measure(clock, seed, progress);
    LoadedDevnet.Plan plan = devnet.plan(load, seconds, UnaryOperator.identity());
    int validators = plan.validators();
    LoadedDevnet.Result observed = LoadedDevnet.run(plan, devnet.dir, clock, seed, progress);
    Limit after = limitOptions.measure(clock, seed, progress);
    report.field("validators", validators);
    report.field("load_tps", load);
    report.field("keys", plan.keys());
    report.field("genesis_coins", LoadedDevnet.coins(plan));
    report.field("heights", observed.toHeight() - observed.fromHeight() + 1);
    double committedTps = LoadFunding.copyLoadFigures(observed.load(), report);
    reportAllocation(report, observed, committedTps, seconds, validators);
    reportWarmup(report, observed, validators, "");
    double propagationP99 = reportPropagation(report, observed, "");
    report.figure(
        "propagation_polled_ms_p99",
        p99(observed.spreads()),
        "ms",
        "first to last node seen at a height, p99 (polled every " + plan.sampleMs() + " ms)");
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

  /**
   * Heap bytes all validators allocated in the window per transfer committed in it (end to end: RPC
   * decode, admission, relay, proposal, validation, apply), GC pause time per minute, and what the
   * nodes' counters say about admission.
   */
  static void reportAllocation(
      Report report,
      LoadedDevnet.Result observed,
      double committedTps,
      long windowS,
      int validators) {
    double committed = committedTps * number(observed.load().get("window_s"));
    NodeCounters c = observed.counters();
    report.figure(
        "alloc_bytes_per_tx",
        committed > 0 ? c.allocatedBytes() / committed : Double.NaN,
        "B",
        "heap bytes allocated by all validators in the window / transfers committed in it");
    report.figure(
        "gc_pause_ms_per_min",
        c.gcPauseSeconds() * 1000 / (windowS / 60.0) / validators,
        "ms",
        "GC pauses per minute, mean over validators");
    report.figure(
        "node_finality_ms_mean",
        c.finalized() > 0 ? c.finalitySeconds() * 1000 / c.finalized() : Double.NaN,
        "ms",
        "admission to stored block, as the nodes time it (mean)");
    report.figure(
        "admission_held_share",
        c.admissionHeldSeconds() / windowS / validators,
        "",
        "time admission waited for block work, per node (summed over its admission threads: one on"
            + " a node that sees 2 cores)");
    report.figure(
        "decoded_keys_hit_ratio",
        c.decodedKeysHitRatio(),
        "",
        "signature checks whose key an earlier check had decoded");
    report.figure(
        "block_txs_checked_share",
        c.blockTxsCheckedShare(),
        "",
        "block transactions whose signatures were checked with the block (not at admission)");
    report.figure("node_cores", observed.nodeCores(), "", "cores the validators used");
    report.field("relay_counters", java.util.Map.copyOf(c.relayCounters()));
    report.figure("load_cores", observed.loadCores(), "", "cores the load process used");
  }

  /**
   * How long the load warmed the nodes up, whether their JIT compilers had settled by then, and how
   * busy the compilers still were in the window (per node, share of the window).
   */
  static void reportWarmup(
      Report report, LoadedDevnet.Result observed, int validators, String suffix) {
    report.field("warmup_s" + suffix, Math.round(observed.warmup().waitedS() * 10) / 10.0);
    report.field("jit_settled" + suffix, observed.warmup().settled());
    double windowS = number(observed.load().get("window_s"));
    report.figure(
        "node_compile_share" + suffix,
        observed.counters().compileSeconds() / windowS / validators,
        "",
        "time the nodes' JIT compilers were busy in the window, per node");
  }

  /**
   * First to last node storing each height of the window as the nodes timed it, p99; NaN without a
   * sample.
   */
  static double propagationP99(LoadedDevnet.Result observed) {
    return p99(observed.storedSpreads());
  }

  /**
   * Reports {@code propagation_ms_p99<suffix>} with its sample count; below 100 samples the
   * nearest-rank p99 is the maximum, and the report says so. Returns the figure.
   */
  static double reportPropagation(Report report, LoadedDevnet.Result observed, String suffix) {
    double p99 = propagationP99(observed);
    int samples = observed.storedSpreads().size();
    boolean isMax = samples < 100;
    report.figure(
        "propagation_ms_p99" + suffix,
        p99,
        "ms",
        "first to last node storing a height, "
            + (isMax ? "maximum (< 100 samples)" : "p99")
            + " (the nodes' own times)");
    report.field("propagation_samples" + suffix, samples);
    report.field("propagation_p99_is_max" + suffix, isMax);
    return p99;
  }

  /** p99 of nanosecond spreads, in ms; NaN without a sample. */
  static double p99(List<Long> spreadsNanos) {
    Samples propagation = new Samples();
    spreadsNanos.forEach(propagation::add);
    return propagation.count() == 0 ? Double.NaN : propagation.p99Ms();
  }

  /** A number of the load's report; null (no sample) is NaN, which misses every goal. */
  static double number(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }
}
