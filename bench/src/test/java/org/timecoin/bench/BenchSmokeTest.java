package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each benchmark runs with tiny parameters and ends with one JSON object holding its keys. */
class BenchSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  static Run bench(String... args) {
    CommandLine cli = BenchMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> tinyRuns() {
    return Stream.of(
        Arguments.of(
            List.of("sig-limit", "--warmup-ms", "20", "--measure-ms", "50", "--json"),
            List.of("verify_per_s_1t", "verify_per_s_all")),
        Arguments.of(
            List.of(
                "block-validate",
                "--txs",
                "20",
                "--utxos",
                "400",
                "--iterations",
                "2",
                "--warmup-blocks",
                "1",
                "--load-chunk",
                "150",
                "--limit-warmup-ms",
                "10",
                "--limit-measure-ms",
                "20",
                "--json"),
            List.of(
                "cold_ms_p50", "warm_ms_p50", "limit_ms", "cold_over_limit", "verify_per_s_all")),
        Arguments.of(
            List.of(
                "block-apply",
                "--txs",
                "20",
                "--utxos",
                "400",
                "--blocks",
                "5",
                "--warmup-blocks",
                "1",
                "--load-chunk",
                "150",
                "--json"),
            List.of("apply_ms_p50", "apply_ms_p99", "rocksdb_batch_ms_p50")),
        Arguments.of(
            List.of(
                "snapshot-import",
                "--utxos",
                "3000",
                "--load-chunk",
                "1000",
                "--keys",
                "64",
                "--json"),
            List.of("import_utxo_per_s", "import_chunks_s", "finish_s", "write_s")),
        Arguments.of(
            List.of(
                "utxo-memory",
                "--txs",
                "200",
                "--block-txs",
                "20",
                "--sample-every",
                "100",
                "--cache-mb",
                "1",
                "--json"),
            List.of("heap_mb_after_gc", "growth_mb_per_10k_tx")),
        Arguments.of(
            List.of(
                "consensus-sim",
                "--validators",
                "4",
                "--scenario",
                "all",
                "--seeds",
                "1",
                "--json"),
            List.of(
                "runs",
                "safety_violations",
                "liveness_failures",
                "heights_finalized",
                "round_changes",
                "leader_crash_recovery_ms_p50",
                "leader_crash_recovery_ms_p99",
                "messages_per_height",
                "max_round_wait_ms")),
        Arguments.of(
            List.of(
                "view-change",
                "--kills",
                "1",
                "--block-interval-ms",
                "100",
                "--empty-block-interval-ms",
                "200",
                "--json"),
            List.of("gap_ms", "kills", "decided_rounds", "limit_ms")),
        Arguments.of(
            List.of(
                "devnet",
                "--load",
                "50",
                "--keys",
                "200",
                "--seconds",
                "2",
                "--warmup-s",
                "1",
                "--drain-s",
                "2",
                "--block-interval-ms",
                "100",
                "--empty-block-interval-ms",
                "200",
                "--limit-warmup-ms",
                "10",
                "--limit-measure-ms",
                "20",
                "--json"),
            List.of(
                "offered",
                "accepted",
                "rejected",
                "rejected_by_reason",
                "committed",
                "committed_tps",
                "finality_ms_p50",
                "finality_ms_p99",
                "propagation_ms_p99",
                "max_height_spread",
                "verify_per_s_all",
                "tps_over_limit",
                "warmup_s",
                "node_compile_share")),
        Arguments.of(
            List.of(
                "sync",
                "--blocks",
                "5",
                "--txs-per-block",
                "5",
                "--limit-warmup-ms",
                "10",
                "--limit-measure-ms",
                "20",
                "--json"),
            List.of("blocks_per_s", "tx_per_s", "verify_per_s_all", "tx_per_s_over_limit")),
        Arguments.of(
            List.of(
                "wallet",
                "--load",
                "50",
                "--sends",
                "3",
                "--send-interval-ms",
                "50",
                "--warmup-s",
                "1",
                "--block-interval-ms",
                "100",
                "--empty-block-interval-ms",
                "200",
                "--utxos",
                "1000",
                "--selections",
                "100",
                "--json"),
            List.of("send_final_ms_p50", "send_final_ms_p99", "coin_select_ms_p99")),
        Arguments.of(
            List.of(
                "epoch",
                "--validators",
                "2",
                "--masternodes",
                "1",
                "--registration-epochs",
                "1",
                "--load",
                "20",
                "--block-interval-ms",
                "100",
                "--empty-block-interval-ms",
                "150",
                "--json"),
            List.of(
                "epoch_change_gap_ms",
                "normal_interval_ms_p50",
                "committed_tps",
                "sync_verify_blocks_per_s")),
        Arguments.of(
            List.of(
                "fast-sync",
                "--blocks",
                "60",
                "--txs-per-block",
                "3",
                "--payouts",
                "5",
                "--keys",
                "50",
                "--snapshot-interval",
                "50",
                "--json"),
            List.of("replay_s", "fast_sync_s", "import_utxo_per_s", "speedup", "snapshot_utxos")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tinyRuns")
  void printsTableThenOneJsonObjectLast(List<String> args, List<String> keys) throws Exception {
    Run run = bench(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("== " + args.get(0) + " ==");
    JsonNode json = JSON.readTree(run.lastLine());
    assertThat(json.isObject()).isTrue();
    assertThat(json.get("benchmark").asText()).isEqualTo(args.get(0));
    for (String key : keys) {
      assertThat(json.has(key)).as("key %s in %s", key, json).isTrue();
    }
  }

  @Test
  void withoutJsonTheLastLineIsTableText() {
    Run run = bench("sig-limit", "--warmup-ms", "10", "--measure-ms", "20");

    assertThat(run.exitCode()).isZero();
    assertThat(run.lastLine()).doesNotStartWith("{");
  }

  @Test
  void listNamesEveryBenchmark() {
    Run run = bench("--list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "sig-limit",
            "block-validate",
            "block-apply",
            "utxo-memory",
            "consensus-sim",
            "view-change",
            "devnet",
            "load",
            "sync",
            "wallet",
            "epoch",
            "fast-sync",
            "snapshot-import");
  }

  @Test
  void tooFewUtxosForTheBlocksIsAnErrorNotAHang() {
    Run run = bench("block-apply", "--txs", "20", "--utxos", "50", "--blocks", "5");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("raise --utxos");
  }

  @Test
  void unknownBenchmarkFails() {
    Run run = bench("no-such-bench");

    assertThat(run.exitCode()).isNotZero();
  }
}
