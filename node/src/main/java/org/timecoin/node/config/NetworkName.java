package org.timecoin.node.config;

import java.util.Map;

/**
 * Which public network a node joins; it decides the default ports: P2P, RPC and (one above) the
 * Prometheus metrics port, which the container image and the systemd unit's docs name too.
 */
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

  /** testnet or mainnet (any case); null for anything else. */
  public static NetworkName parse(String text) {
    return BY_TEXT.get(text.toLowerCase(java.util.Locale.ROOT));
  }

  /** The public network whose addresses and magic a chain of {@code network} uses. */
  public static NetworkName of(org.timecoin.domain.tx.Network network) {
    return network == org.timecoin.domain.tx.Network.MAINNET ? MAINNET : TESTNET;
  }

  /**
   * The default home: {@code ~/.timecoin} for mainnet and {@code ~/.timecoin/testnet}, so the two
   * never share a data directory.
   */
  public java.nio.file.Path defaultHome(java.nio.file.Path userHome) {
    java.nio.file.Path base = userHome.resolve(".timecoin");
    return this == MAINNET ? base : base.resolve("testnet");
  }

  public int defaultMetricsPort() {
    return defaultMetricsPort;
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
