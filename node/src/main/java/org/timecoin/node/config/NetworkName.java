package org.timecoin.node.config;

import java.util.Map;

/**
 * Which public network a node joins; it decides the default ports: P2P, RPC and (one above) the
 * Prometheus metrics port, which the container image and the systemd unit's docs name too.
 */
public enum NetworkName {
  TESTNET(24100, 24101),
  MAINNET(24000, 24001);

  static final Map<String, NetworkName> BY_TEXT = Map.of("testnet", TESTNET, "mainnet", MAINNET);

  private final int defaultP2pPort;
  private final int defaultRpcPort;

  NetworkName(int defaultP2pPort, int defaultRpcPort) {
    this.defaultP2pPort = defaultP2pPort;
    this.defaultRpcPort = defaultRpcPort;
  }

  public int defaultP2pPort() {
    return defaultP2pPort;
  }

  public int defaultRpcPort() {
    return defaultRpcPort;
  }

  /** Metrics (Prometheus) port: 24102 on testnet, 24002 on mainnet. */
  public int defaultMetricsPort() {
    return defaultRpcPort + 1;
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
