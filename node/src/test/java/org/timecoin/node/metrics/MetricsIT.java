package org.timecoin.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.TimeNode;
import org.timecoin.node.devnet.LoadGenerator;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.node.devnet.Ports;
import org.timecoin.node.mempool.AdmitResult;
import org.timecoin.node.mempool.Mempool;

/** Two validators and a full node on loopback; Prometheus scrapes them over HTTP. */
class MetricsIT {
  /** Every figure the dashboard shows, by its Prometheus family name. */
  static final List<String> FAMILIES =
      List.of(
          "consensus_height",
          "consensus_round",
          "consensus_step",
          "consensus_round_changes_total",
          "consensus_step_duration_seconds",
          "consensus_block_interval_seconds",
          "consensus_finality_latency_seconds",
          "consensus_decisions_total",
          "consensus_queued_events",
          "chain_height",
          "p2p_peers",
          "p2p_received_bytes_total",
          "p2p_sent_bytes_total",
          "p2p_received_messages_total",
          "p2p_sent_messages_total",
          "p2p_received_uncompressed_bytes_total",
          "p2p_sent_uncompressed_bytes_total",
          "p2p_rejected_total",
          "p2p_bans_total",
          "p2p_ping_rtt_seconds",
          "p2p_peer_rtt_max_seconds",
          "p2p_handshakes_total",
          "mempool_transactions",
          "mempool_size_bytes",
          "mempool_admitted_total",
          "mempool_rejected_total",
          "mempool_tx_finality_seconds",
          "mempool_admission_held_seconds_total",
          "chain_block_work",
          "validation_decoded_keys_lookups_total",
          "validation_decoded_keys_hits_total",
          "validation_block_txs_cached_total",
          "validation_block_txs_checked_total",
          "sync_syncing",
          "sync_target_height",
          "sync_blocks_applied_total",
          "storage_block_apply_seconds",
          "storage_rocksdb_write_stopped",
          "storage_rocksdb_stall_seconds_total",
          "storage_rocksdb_compaction_pending",
          "storage_rocksdb_pending_compaction_bytes",
          "storage_rocksdb_block_cache_hit_ratio",
          "storage_rocksdb_block_cache_hits_total",
          "jvm_memory_used_bytes",
          "jvm_gc_memory_allocated_bytes_total",
          "jvm_threads_live_threads",
          "jvm_compilation_elapsed_seconds_total",
          "jvm_buffer_memory_used_bytes",
          "netty_direct_memory_used_bytes");

  static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "timecoin-dashboard.json");

  /** A metric name followed by its label matchers, as every query of the dashboard writes it. */
  static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

  @TempDir Path dir;
  LocalDevnet net;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
    http.close();
  }

  @Test
  void aRunningNodeServesEveryMetricAndTheyMoveAsItWorks() throws Exception {
    LoadGenerator load = new LoadGenerator(Clock.SYSTEM);
    int base = Ports.freeRun(6);
    net =
        LocalDevnet.create(
            dir,
            2,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            load.genesisAllocations(20),
            Clock.SYSTEM);
    GenesisConfig genesis = net.genesis();
    load.init(genesis.chainId(), genesis.params(), genesis.genesisTransaction());
    net.startAll();
    TimeNode node = net.node(0);
    node.chain().addListener((block, cert) -> load.onBlock(block));
    assertThat(node.metricsAddress().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> node.chain().height() >= 2);

    String text = scrapeText(node);
    Files.writeString(Path.of("target", "metrics-scrape.txt"), text); // to read after a failure
    PrometheusText first = PrometheusText.parse(text);
    assertThat(first.families().keySet()).containsAll(FAMILIES);
    assertThat(first.sum("jvm_buffer_memory_used_bytes", "id", "direct")).isGreaterThanOrEqualTo(0);

    load.submit(5, List.of(node.mempool()));
    Mempool mempool = node.mempool();
    Transaction waiting =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> anyWaiting(mempool), Optional::isPresent)
            .orElseThrow();
    assertThat(mempool.submit(waiting).get(10, TimeUnit.SECONDS).code())
        .isEqualTo(AdmitResult.ALREADY_KNOWN);
    int full = net.addFullNode(base + 4, base + 5);
    TimeNode follower = net.start(full);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              PrometheusText now = scrape(node);
              for (String grows :
                  List.of(
                      "chain_height",
                      "consensus_height",
                      "consensus_decisions_total",
                      "consensus_step_duration_seconds_count",
                      "consensus_block_interval_seconds_count",
                      "consensus_finality_latency_seconds_count",
                      "p2p_received_bytes_total",
                      "p2p_sent_bytes_total",
                      "p2p_received_messages_total",
                      "p2p_ping_rtt_seconds_count",
                      "p2p_handshakes_total",
                      "storage_block_apply_seconds_count",
                      "jvm_gc_memory_allocated_bytes_total")) {
                assertThat(now.sum(grows)).as(grows).isGreaterThan(first.sum(grows));
              }
              assertThat(now.sum("mempool_admitted_total")).isGreaterThanOrEqualTo(5);
              assertThat(now.sum("mempool_tx_finality_seconds_count")).isGreaterThanOrEqualTo(1);
              assertThat(now.sum("mempool_rejected_total", "reason", AdmitResult.ALREADY_KNOWN))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      now.sum("p2p_peers", "direction", "inbound")
                          + now.sum("p2p_peers", "direction", "outbound"))
                  .isGreaterThanOrEqualTo(2);
              assertThat(now.sum("p2p_received_bytes_total", "type", "ping")).isPositive();
              PrometheusText f = scrape(follower);
              assertThat(f.sum("sync_blocks_applied_total")).isPositive();
              assertThat(f.sum("sync_target_height")).isPositive();
            });
    String last = scrapeText(node);
    assertThat(PrometheusText.parse(last).sampleNames()).containsAll(dashboardMetrics());
    promtoolAccepts(last);
  }

  /** The series the Grafana dashboard queries; each must be one the node exports. */
  static Set<String> dashboardMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> names = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = SERIES.matcher(expr.asText());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    assertThat(names).hasSizeGreaterThan(30);
    return names;
  }

  private static Optional<Transaction> anyWaiting(Mempool m) {
    return m.txids().stream().map(m::get).flatMap(Optional::stream).findFirst();
  }

  private PrometheusText scrape(TimeNode n) throws Exception {
    return PrometheusText.parse(scrapeText(n));
  }

  private String scrapeText(TimeNode n) throws Exception {
    var a = n.metricsAddress().orElseThrow();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** promtool's own check, where the Prometheus tools are installed. */
  private void promtoolAccepts(String text) throws Exception {
    Optional<Path> promtool = onPath("promtool");
    assumeTrue(promtool.isPresent(), "promtool is not installed");
    Path file = dir.resolve("scrape.txt");
    Files.writeString(file, text);
    Process p =
        new ProcessBuilder(promtool.get().toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  static Optional<Path> onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
