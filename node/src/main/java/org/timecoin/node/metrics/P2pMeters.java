package org.timecoin.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.function.ToDoubleFunction;
import org.timecoin.p2p.Direction;
import org.timecoin.p2p.P2pMetrics;
import org.timecoin.p2p.P2pNode;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.RejectReason;

/**
 * Meters over the network layer's counters: peers by direction, bytes and messages by frame type
 * (bytes on the wire and before compression, so the compression ratio of each type can be read),
 * refusals by reason, bans by cause, ping round trips.
 */
final class P2pMeters {
  private final MeterRegistry registry;
  private final P2pMetrics m;

  private P2pMeters(MeterRegistry registry, P2pMetrics m) {
    this.registry = registry;
    this.m = m;
  }

  /** Binds after the node registered its message types, so each type gets its own label. */
  static void bind(NodeMetrics metrics, P2pNode network) {
    MeterRegistry r = metrics.registry();
    P2pMeters meters = new P2pMeters(r, network.metrics());
    for (Direction d : Direction.values()) {
      Gauge.builder(
              "p2p.peers", network, n -> n.peers().stream().filter(p -> p.direction() == d).count())
          .description("connected, authenticated peers")
          .tag("direction", d.name().toLowerCase(Locale.ROOT))
          .register(r);
    }
    Gauge.builder(
            "p2p.peer.rtt.max",
            network,
            n -> n.peers().stream().mapToLong(PeerInfo::rttNanos).max().orElse(0) / 1e9)
        .description("the longest last ping round trip among connected peers")
        .baseUnit("seconds")
        .register(r);
    meters.bindTraffic();
    meters.bindRefusals();
    metrics.beforeScrape(meters::bindBanCauses);
  }

  private void bindTraffic() {
    Map<Integer, String> names = m.typeNames();
    for (Map.Entry<Integer, String> e : names.entrySet()) {
      int type = e.getKey();
      String name = e.getValue();
      counter("p2p.received", "bytes", name, x -> x.bytesReceived(type));
      counter("p2p.sent", "bytes", name, x -> x.bytesSent(type));
      counter("p2p.received", "messages", name, x -> x.framesReceived(type));
      counter("p2p.sent", "messages", name, x -> x.framesSent(type));
      counter("p2p.received.uncompressed", "bytes", name, x -> x.bytesReceivedUncompressed(type));
      counter("p2p.sent.uncompressed", "bytes", name, x -> x.bytesSentUncompressed(type));
    }
    // Frame types nobody registered (what a misbehaving peer sends) share one label.
    counter("p2p.received", "bytes", "other", x -> unnamed(names, x::bytesReceived));
    counter("p2p.received", "messages", "other", x -> unnamed(names, x::framesReceived));
  }

  private static double unnamed(Map<Integer, String> names, IntToLongFunction f) {
    long sum = 0;
    for (int t = 0; t < 256; t++) {
      if (!names.containsKey(t)) {
        sum += f.applyAsLong(t);
      }
    }
    return sum;
  }

  private void counter(String name, String unit, String type, ToDoubleFunction<P2pMetrics> f) {
    FunctionCounter.builder(name + "." + unit, m, f)
        .description(
            "frames moved, by message type; bytes include frame headers and count what went on"
                + " the wire, or in the uncompressed series what it would be without compression")
        .baseUnit("bytes".equals(unit) ? "bytes" : null)
        .tag("type", type)
        .register(registry);
  }

  private void bindRefusals() {
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("p2p.rejected", m, x -> x.rejections(reason))
          .description("peer frames and connections refused, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
      if (reason.penalty() > 0) {
        banCounter(reason.name().toLowerCase(Locale.ROOT));
      }
    }
    FunctionCounter.builder("p2p.handshakes", m, P2pMetrics::handshakesCompleted)
        .description("handshakes completed")
        .register(registry);
    FunctionCounter.builder("p2p.duplicates.dropped", m, P2pMetrics::duplicatesDropped)
        .description("gossip messages dropped as already seen")
        .register(registry);
    FunctionCounter.builder("p2p.delivered", m, P2pMetrics::messagesDelivered)
        .description("messages handed to the node's handlers")
        .baseUnit("messages")
        .register(registry);
    FunctionTimer.builder(
            "p2p.ping.rtt",
            m,
            P2pMetrics::rttSamples,
            P2pMetrics::rttTotalNanos,
            TimeUnit.NANOSECONDS)
        .description("ping round trips measured")
        .register(registry);
  }

  /** Causes appear as peers misbehave; registering an existing meter again is a lookup. */
  private void bindBanCauses() {
    for (String cause : m.bansByCause().keySet()) {
      banCounter(cause);
    }
  }

  private void banCounter(String cause) {
    FunctionCounter.builder("p2p.bans", m, x -> x.bansByCause().getOrDefault(cause, 0L))
        .description("bans imposed, by cause")
        .tag("cause", cause)
        .register(registry);
  }
}
