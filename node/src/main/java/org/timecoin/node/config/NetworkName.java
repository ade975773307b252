package org.timecoin.node.config;

import java.util.Map;

/** Which public network a node joins; it decides the default ports. */
public enum NetworkName {
  TESTNET(24100, 24101, 24102),
  MAINNET(24000, 24001, 24002);

  static final Map<String, NetworkName> BY_TEXT = Map.of("testnet", TESTNET, "mainnet", MAINNET);

  private final int defaultP2pPort;
  private final int defaultRpcPort;
  private final int defaultMetricsPort;

  NetworkName(int defaultP2pPort, int defaultRpcPort, int defaultMetricsPort) {
    this.defaultP2pPort = defaultP2pPort;
    this.defaultRpcPort = defaultRpcPort;
    this.defaultMetricsPort = defaultMetricsPort;
  }

  public int defaultP2pPort() {
    return defaultP2pPort;
  }

  public int defaultRpcPort() {
    return defaultRpcPort;
  }

  public int defaultMetricsPort() {
    return defaultMetricsPort;
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
