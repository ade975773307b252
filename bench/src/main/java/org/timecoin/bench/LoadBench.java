package org.timecoin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.rpc.cli.RpcCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench load}: the honest load, a client of the network like any wallet. It spends the
 * genesis coins of {@code --keys} seed-derived keys in transfers of 1–4 inputs and 1–3 outputs,
 * offered at {@code --rate} over JSON-RPC to every node given, and counts what the nodes accepted,
 * refused and finalized. The other benchmarks start it as a process of its own.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Honest load over JSON-RPC: offered, accepted, rejected, committed, finality.")
public final class LoadBench extends BenchCommand {
  @Option(
      names = "--rpc",
      required = true,
      split = ",",
      description =
          "JSON-RPC endpoints to submit to, e.g. http://127.0.0.1:24101/ (comma-separated).")
  List<URI> endpoints;

  @Option(
      names = "--cookie",
      required = true,
      split = ",",
      description = "Each endpoint's cookie file (its node's data/.cookie), in the same order.")
  List<Path> cookies;

  @Option(names = "--genesis", required = true, description = "The chain's genesis.json.")
  Path genesisFile;

  @Option(
      names = "--keys",
      defaultValue = "10000",
      description = "Load keys (derived from --seed); their coins must be in the genesis.")
  int keys;

  @Option(names = "--rate", defaultValue = "1000", description = "Transfers offered per second.")
  double rate;

  @Option(names = "--seconds", defaultValue = "60", description = "Measured window.")
  long seconds;

  @Option(
      names = "--warmup-s",
      defaultValue = "5",
      description = "Load before the window (with --window-on-stdin: at most).")
  long warmupS;

  @Option(
      names = "--window-on-stdin",
      description = "Open the window early when a line \"window\" arrives on standard input.")
  boolean windowOnStdin;

  @Option(
      names = "--drain-s",
      defaultValue = "15",
      description = "After the window, how long to wait for its transfers to be finalized.")
  long drainS;

  @Option(
      names = "--batch",
      defaultValue = "100",
      description = "Most calls in one JSON-RPC batch.")
  int batch;

  @Option(
      names = "--poll-ms",
      defaultValue = "20",
      description = "How often the observer (the first endpoint) is asked for new blocks.")
  long pollMs;

  @Option(
      names = "--fee-rate",
      defaultValue = "" + MempoolPolicy.DEFAULT_MIN_FEE_RATE,
      description = "Units per byte paid at least (the nodes' mempool_min_fee_rate).")
  long feeRate;

  @Option(
      names = "--finality-goal-ms",
      defaultValue = "2000",
      description = "Bound of the finality p99 goal.")
  double finalityGoalMs;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    if (endpoints.size() != cookies.size()) {
      throw new IllegalArgumentException(
          endpoints.size() + " --rpc endpoints but " + cookies.size() + " --cookie files");
    }
    GenesisConfig genesis = GenesisFile.load(genesisFile);
    progress.log("deriving %d load keys", keys);
    LoadKeys loadKeys = LoadKeys.derive(seed, keys);
    LoadWallet wallet =
        new LoadWallet(loadKeys, genesis.chainId(), genesis.params(), feeRate, new Random(seed));
    int coins = wallet.credit(genesis.genesisTransaction());
    if (coins == 0) {
      throw new IllegalArgumentException(
          genesisFile + " funds none of the " + keys + " load keys of seed " + seed);
    }
    List<JsonRpcBatch> targets = new ArrayList<>();
    Duration timeout = Duration.ofSeconds(30);
    for (int i = 0; i < endpoints.size(); i++) {
      targets.add(
          new JsonRpcBatch(endpoints.get(i), RpcCredentials.fromCookie(cookies.get(i)), timeout));
    }
    LoadRun.Options options =
        new LoadRun.Options(
            rate,
            Duration.ofSeconds(warmupS),
            Duration.ofSeconds(seconds),
            Duration.ofSeconds(drainS),
            batch,
            Duration.ofMillis(pollMs));
    progress.log(
        "offering %.0f tx/s to %d nodes from %d coins: %d s warm-up, %d s measured",
        rate, targets.size(), coins, warmupS, seconds);
    LoadRun.Result result;
    try (LoadRun run = new LoadRun(wallet, targets, targets.get(0), options, clock)) {
      if (windowOnStdin) {
        Thread.ofPlatform().daemon().name("window-signal").start(() -> awaitWindowLine(run));
      }
      result = run.run();
    }
    report.field("keys", keys);
    report.field("genesis_coins", coins);
    report.field("targets", targets.size());
    report.field("rate_tps", rate);
    report.field("poll_ms", pollMs);
    reportFigures(report, result, finalityGoalMs);
  }

  /** Opens the run's window at the first line "window" on standard input. */
  private static void awaitWindowLine(LoadRun run) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.trim().equals("window")) {
          run.openWindowNow();
          return;
        }
      }
    } catch (IOException e) {
      // no signal: the warm-up ends at its longest
    }
  }

  /** The figures of a load run, under the keys every benchmark that runs the load reports. */
  static void reportFigures(Report report, LoadRun.Result result, double finalityGoalMs) {
    LoadStats s = result.stats();
    double windowS = result.windowSeconds();
    report.field("window_s", windowS);
    report.figure("offered", s.offered(), "tx", "transfers offered in the window");
    report.figure("offered_tps", s.offered() / windowS, "tx/s", "offered per second");
    report.figure("accepted", s.accepted(), "tx", "accepted by the node");
    report.figure("rejected", s.rejectedTotal(), "tx", "refused by the node");
    report.field("rejected_by_reason", s.rejectedByReason());
    report.figure("committed", s.committed(), "tx", "of those offered, seen in a final block");
    report.figure(
        "committed_tps",
        s.committedSeenInWindow() / windowS,
        "tx/s",
        "load transfers seen final during the window, per second");
    report.field("starved", s.starved());
    report.field("unsent", s.unsent());
    report.field("pending_at_end", result.pendingAtEnd());
    report.field("spendable_at_end", result.spendableAtEnd());
    Samples f = s.finality();
    report.field("finality_samples", f.count());
    double p50 = f.count() == 0 ? Double.NaN : f.p50Ms();
    // Fewer than 100 samples cannot tell a 99th percentile from the maximum: say it is the max.
    boolean p99IsMax = f.count() < 100;
    double p99 = f.count() == 0 ? Double.NaN : p99IsMax ? f.maxMs() : f.p99Ms();
    report.figure("finality_ms_p50", p50, "ms", "submission to the block seen final, p50");
    report.figure("finality_ms_p99", p99, "ms", p99IsMax ? "... maximum (< 100 samples)" : "p99");
    report.field("finality_p99_is_max", p99IsMax);
    report.goalAtLeast("commits", "transfers of the window committed", s.committed(), 1);
    report.goalAtMost(
        "finality_p99", "finality p99 <= " + (long) finalityGoalMs + " ms", p99, finalityGoalMs);
  }
}
