package org.timecoin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters read from the nodes' Prometheus endpoints, summed over nodes: bytes written to peers by
 * message type ({@code p2p_sent_bytes_total}: every frame handed to a socket, headers included,
 * after compression when it is on; TCP/IP headers are not counted) and the same frames'
 * uncompressed size ({@code p2p_sent_uncompressed_bytes_total}), the compact relay counters ({@code
 * relay_*_total}), and every metric summed over its label sets ({@link #total}): heap bytes
 * allocated by all threads, seconds of GC pauses, the time from admission to the block being
 * stored, summed over the transactions admitted there ({@code mempool_tx_finality_seconds}), ...
 */
record NodeCounters(
    Map<String, Long> bytesByType,
    Map<String, Long> uncompressedByType,
    Map<String, Long> relayCounters,
    Map<String, Double> totals) {
  /** A sample line: metric name, its labels if any, its value. */
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+([-0-9.eE+]+)");

  private static final Pattern TYPE_LABEL = Pattern.compile("type=\"([^\"]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static NodeCounters none() {
    return new NodeCounters(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** One node's counters now. */
  static NodeCounters scrape(URI metrics) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(metrics + " answered HTTP " + r.statusCode());
    }
    return parse(r.body());
  }

  static NodeCounters parse(String prometheusText) {
    Map<String, Double> totals = new HashMap<>(); // each metric summed over its label sets
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Long> uncompressed = new TreeMap<>();
    Map<String, Long> relay = new TreeMap<>();
    for (String line : prometheusText.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.find()) {
        continue; // a comment or a blank line
      }
      String name = sample.group(1);
      double value = Double.parseDouble(sample.group(3));
      totals.merge(name, value, Double::sum);
      if (name.startsWith("relay_") && name.endsWith("_total")) {
        relay.merge(name, (long) value, Long::sum);
      }
      Matcher type = TYPE_LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      if (type.find()) {
        if (name.equals("p2p_sent_bytes_total")) {
          bytes.merge(type.group(1), (long) value, Long::sum);
        } else if (name.equals("p2p_sent_uncompressed_bytes_total")) {
          uncompressed.merge(type.group(1), (long) value, Long::sum);
        }
      }
    }
    if (bytes.isEmpty()) {
      throw new IllegalStateException("no p2p_sent_bytes_total in the metrics");
    }
    return new NodeCounters(bytes, uncompressed, relay, totals);
  }

  /** A metric summed over its label sets (and nodes, once added up); 0 when absent. */
  double total(String metric) {
    return totals.getOrDefault(metric, 0.0);
  }

  long allocatedBytes() {
    return (long) total("jvm_threads_allocated_bytes_total");
  }

  double gcPauseSeconds() {
    return total("jvm_gc_pause_seconds_sum");
  }

  /** Admission to stored, summed over the transactions admitted there. */
  double finalitySeconds() {
    return total("mempool_tx_finality_seconds_sum");
  }

  long finalized() {
    return (long) total("mempool_tx_finality_seconds_count");
  }

  double compileSeconds() {
    return total("jvm_compilation_elapsed_seconds_total");
  }

  /** Time admission threads waited for block work ({@code mempool_admission_held_seconds}). */
  double admissionHeldSeconds() {
    return total("mempool_admission_held_seconds_total");
  }

  /** Share of signature checks whose key an earlier check had decoded; 0 without checks. */
  double decodedKeysHitRatio() {
    double lookups = total("validation_decoded_keys_lookups_total");
    return lookups == 0 ? 0 : total("validation_decoded_keys_hits_total") / lookups;
  }

  /**
   * Share of validated blocks' transactions whose signatures were checked with the block, not found
   * verified by admission before; NaN without a block transaction.
   */
  double blockTxsCheckedShare() {
    double checked = total("validation_block_txs_checked_total");
    double all = checked + total("validation_block_txs_cached_total");
    return all == 0 ? Double.NaN : checked / all;
  }

  NodeCounters plus(NodeCounters o) {
    return new NodeCounters(
        combine(bytesByType, o.bytesByType, 1),
        combine(uncompressedByType, o.uncompressedByType, 1),
        combine(relayCounters, o.relayCounters, 1),
        combineTotals(totals, o.totals, 1));
  }

  NodeCounters minus(NodeCounters earlier) {
    return new NodeCounters(
        combine(bytesByType, earlier.bytesByType, -1),
        combine(uncompressedByType, earlier.uncompressedByType, -1),
        combine(relayCounters, earlier.relayCounters, -1),
        combineTotals(totals, earlier.totals, -1));
  }

  private static Map<String, Long> combine(Map<String, Long> a, Map<String, Long> b, int sign) {
    Map<String, Long> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, sign * v, Long::sum));
    return out;
  }

  private static Map<String, Double> combineTotals(
      Map<String, Double> a, Map<String, Double> b, int sign) {
    Map<String, Double> out = new HashMap<>(a);
    b.forEach((k, v) -> out.merge(k, sign * v, Double::sum));
    return out;
  }

  long relay(String counter) {
    return relayCounters.getOrDefault(counter, 0L);
  }

  /**
   * Wire bytes over uncompressed bytes, per message type that moved at least {@code minBytes}
   * uncompressed (1.0: nothing gained).
   */
  Map<String, Double> compressionRatios(long minBytes) {
    Map<String, Double> out = new TreeMap<>();
    uncompressedByType.forEach(
        (type, plain) -> {
          if (plain >= minBytes) {
            out.put(type, Math.round(1000.0 * bytesByType.getOrDefault(type, 0L) / plain) / 1000.0);
          }
        });
    return out;
  }

  /** Bytes written to peers, all types. */
  long total() {
    return bytesByType.values().stream().mapToLong(Long::longValue).sum();
  }
}
