package org.timecoin.bench;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.timecoin.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench wire}: the same devnet under the same honest load twice in one run, first with
 * compact relay and frame compression off (whole proposals, every transaction pushed to every peer,
 * plain frames), then both on (proposals by short id, transactions announced by id, LZ4 frames
 * where they shrink). Every byte every node writes to its peers during the load's window is counted
 * from the nodes' own counters and divided by the transfers committed in that window.
 */
@Command(
    name = "wire",
    mixinStandardHelpOptions = true,
    description = "Bytes on the wire per committed transaction, compact relay off and on.")
public final class WireBench extends BenchCommand {
  @Option(names = "--load", defaultValue = "1500", description = "Transfers offered per second.")
  int load;

  @Option(
      names = "--seconds",
      defaultValue = "120",
      description = "Measured window, each run (100 propagation samples or more).")
  long seconds;

  @Mixin LoadedDevnetOptions devnet;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    progress.log("run 1 of 2: compact relay off");
    Side off = side(false, progress);
    progress.log("run 2 of 2: compact relay on");
    Side on = side(true, progress);
    report.field("validators", devnet.validators);
    report.field("load_tps", load);
    report.field("keys", devnet.keys);
    off.report(report, "off", devnet.validators);
    on.report(report, "on", devnet.validators);
    double ratio = on.bytesPerTx() / off.bytesPerTx();
    report.figure("wire_ratio", ratio, "", "bytes per committed transaction, on / off");
    report.goalAtMost("wire_ratio", "compact relay halves the bytes per transaction", ratio, 0.5);
    report.goalAtMost(
        "propagation_p99",
        "propagation p99 with compact relay no worse than without",
        on.propagationP99(),
        off.propagationP99());
  }

  private Side side(boolean compact, Progress progress) throws Exception {
    UnaryOperator<NodeConfig> config =
        c -> c.withNetwork(c.network().withCompactRelay(compact).withCompression(compact));
    LoadedDevnet.Plan plan = devnet.plan(load, seconds, config);
    LoadedDevnet.Result r = LoadedDevnet.run(plan, devnet.dir, clock, seed, progress);
    double committedTps = DevnetBench.number(r.load().get("committed_tps"));
    double windowS = DevnetBench.number(r.load().get("window_s"));
    return new Side(r, committedTps, committedTps * windowS);
  }

  /** One devnet's figures. */
  private record Side(LoadedDevnet.Result run, double committedTps, double committed) {
    /** NaN when nothing committed, which misses every goal. */
    double bytesPerTx() {
      return committed > 0 ? run.counters().total() / committed : Double.NaN;
    }

    double propagationP99() {
      return DevnetBench.propagationP99(run);
    }

    void report(Report report, String side, int validators) {
      report.figure(
          "wire_bytes_per_tx_" + side,
          bytesPerTx(),
          "B",
          "bytes all nodes wrote to peers / transfers committed, compact relay " + side);
      report.field("wire_bytes_" + side, run.counters().total());
      report.field("wire_bytes_by_type_" + side, Map.copyOf(run.counters().bytesByType()));
      report.field(
          "compression_ratio_by_type_" + side,
          Map.copyOf(run.counters().compressionRatios(10_000)));
      report.figure("committed_tps_" + side, committedTps, "tx/s", "committed, relay " + side);
      report.field("offered_tps_" + side, DevnetBench.number(run.load().get("offered_tps")));
      report.figure(
          "finality_ms_p99_" + side,
          DevnetBench.number(run.load().get("finality_ms_p99")),
          "ms",
          "finality p99, relay " + side);
      DevnetBench.reportPropagation(report, run, "_" + side);
      report.field("propagation_polled_ms_p99_" + side, DevnetBench.p99(run.spreads()));
      report.field("node_cores_" + side, run.nodeCores());
      report.field("block_txs_checked_share_" + side, run.counters().blockTxsCheckedShare());
      report.figure(
          "node_cpu_us_per_tx_" + side,
          committedTps > 0 ? run.nodeCores() * 1e6 / committedTps : Double.NaN,
          "us",
          "CPU all validators spent per committed transfer, relay " + side);
      DevnetBench.reportWarmup(report, run, validators, "_" + side);
      report.field(
          "alloc_bytes_per_tx_" + side,
          committed > 0 ? run.counters().allocatedBytes() / committed : Double.NaN);
      if (!run.counters().relayCounters().isEmpty()) {
        report.field("relay_counters_" + side, Map.copyOf(run.counters().relayCounters()));
      }
    }
  }
}
