package org.timecoin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters read from the nodes' Prometheus endpoints, summed over nodes: bytes written to peers by
 * message type ({@code p2p_sent_bytes_total}: every frame handed to a socket, headers included,
 * after compression when it is on; TCP/IP headers are not counted) and the same frames'
 * uncompressed size ({@code p2p_sent_uncompressed_bytes_total}), the compact relay counters ({@code
 * relay_*_total}), heap bytes allocated by all threads, seconds of GC pauses, and the time from
 * admission to the block being stored, summed over the transactions admitted there ({@code
 * mempool_tx_finality_seconds}).
 */
record NodeCounters(
    Map<String, Long> bytesByType,
    Map<String, Long> uncompressedByType,
    Map<String, Long> relayCounters,
    long allocatedBytes,
    double gcPauseSeconds,
    double finalitySeconds,
    long finalized,
    double compileSeconds) {
  private static final Pattern SENT =
      Pattern.compile("^p2p_sent_bytes_total\\{[^}]*type=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+]+)");
  private static final Pattern UNCOMPRESSED =
      Pattern.compile(
          "^p2p_sent_uncompressed_bytes_total\\{[^}]*type=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+]+)");
  private static final Pattern RELAY =
      Pattern.compile("^(relay_[a-z_]+_total)(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final Pattern ALLOCATED =
      Pattern.compile("^jvm_threads_allocated_bytes_total(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final Pattern GC_PAUSE =
      Pattern.compile("^jvm_gc_pause_seconds_sum(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final Pattern FINALITY_SUM =
      Pattern.compile("^mempool_tx_finality_seconds_sum(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final Pattern FINALITY_COUNT =
      Pattern.compile("^mempool_tx_finality_seconds_count(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final Pattern COMPILE =
      Pattern.compile("^jvm_compilation_elapsed_seconds_total(\\{[^}]*})?\\s+([0-9.eE+]+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static NodeCounters none() {
    return new NodeCounters(Map.of(), Map.of(), Map.of(), 0, 0, 0, 0, 0);
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
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Long> uncompressed = new TreeMap<>();
    Map<String, Long> relay = new TreeMap<>();
    long allocated = 0;
    double pauses = 0;
    double finality = 0;
    long finalized = 0;
    double compile = 0;
    for (String line : prometheusText.split("\n")) {
      Matcher a = ALLOCATED.matcher(line);
      if (a.find()) {
        allocated += (long) Double.parseDouble(a.group(2));
      }
      Matcher g = GC_PAUSE.matcher(line);
      if (g.find()) {
        pauses += Double.parseDouble(g.group(2));
      }
      Matcher fs = FINALITY_SUM.matcher(line);
      if (fs.find()) {
        finality += Double.parseDouble(fs.group(2));
      }
      Matcher fc = FINALITY_COUNT.matcher(line);
      if (fc.find()) {
        finalized += (long) Double.parseDouble(fc.group(2));
      }
      Matcher c = COMPILE.matcher(line);
      if (c.find()) {
        compile += Double.parseDouble(c.group(2));
      }
      Matcher m = SENT.matcher(line);
      if (m.find()) {
        bytes.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
      }
      Matcher u = UNCOMPRESSED.matcher(line);
      if (u.find()) {
        uncompressed.merge(u.group(1), (long) Double.parseDouble(u.group(2)), Long::sum);
      }
      Matcher r = RELAY.matcher(line);
      if (r.find()) {
        relay.merge(r.group(1), (long) Double.parseDouble(r.group(3)), Long::sum);
      }
    }
    if (bytes.isEmpty()) {
      throw new IllegalStateException("no p2p_sent_bytes_total in the metrics");
    }
    return new NodeCounters(
        bytes, uncompressed, relay, allocated, pauses, finality, finalized, compile);
  }

  NodeCounters plus(NodeCounters o) {
    return new NodeCounters(
        combine(bytesByType, o.bytesByType, 1),
        combine(uncompressedByType, o.uncompressedByType, 1),
        combine(relayCounters, o.relayCounters, 1),
        allocatedBytes + o.allocatedBytes,
        gcPauseSeconds + o.gcPauseSeconds,
        finalitySeconds + o.finalitySeconds,
        finalized + o.finalized,
        compileSeconds + o.compileSeconds);
  }

  NodeCounters minus(NodeCounters earlier) {
    return new NodeCounters(
        combine(bytesByType, earlier.bytesByType, -1),
        combine(uncompressedByType, earlier.uncompressedByType, -1),
        combine(relayCounters, earlier.relayCounters, -1),
        allocatedBytes - earlier.allocatedBytes,
        gcPauseSeconds - earlier.gcPauseSeconds,
        finalitySeconds - earlier.finalitySeconds,
        finalized - earlier.finalized,
        compileSeconds - earlier.compileSeconds);
  }

  private static Map<String, Long> combine(Map<String, Long> a, Map<String, Long> b, int sign) {
    Map<String, Long> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, sign * v, Long::sum));
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
