package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

/**
 * {@code [metrics]}: Prometheus metrics over HTTP ({@code GET /metrics}), bound to loopback unless
 * told otherwise. Port 0 takes any free port (the node logs the one it got).
 */
public record MetricsSection(boolean enabled, String bindAddress, int port) {

  public static MetricsSection defaults(NetworkName network) {
    return new MetricsSection(true, "127.0.0.1", network.defaultMetricsPort());
  }

  static MetricsSection read(TomlTable t, NetworkName network) {
    MetricsSection d = defaults(network);
    MetricsSection s =
        new MetricsSection(
            t.bool("enabled", d.enabled),
            NodeSection.nonBlank(t, "bind_address", t.string("bind_address", d.bindAddress)),
            t.intIn("port", d.port, 0, 65535));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("metrics", "Prometheus metrics over HTTP: GET http://bind_address:port/metrics.")
        .key("enabled", bool(enabled), "Serve metrics")
        .key(
            "bind_address",
            str(bindAddress),
            "Keep 127.0.0.1 unless only your Prometheus can reach the port")
        .key("port", num(port), "Metrics port (testnet 24102, mainnet 24002; 0: any free port)");
  }
}
