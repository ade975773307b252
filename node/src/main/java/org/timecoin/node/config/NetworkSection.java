package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.list;
import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

import java.time.Duration;
import java.util.List;

/** {@code [network]}: the P2P listener, bootstrap peers, peer limits and keep-alive timing. */
public record NetworkSection(
    String listenAddress,
    int port,
    List<String> bootstrapPeers,
    int maxOutboundPeers,
    int maxInboundPeers,
    Duration pingInterval,
    Duration peerTimeout,
    int maxFrameBytes,
    boolean connectOnly,
    boolean compression,
    boolean compactRelay) {

  /** With compact relay on (the default). */
  public NetworkSection(
      String listenAddress,
      int port,
      List<String> bootstrapPeers,
      int maxOutboundPeers,
      int maxInboundPeers,
      Duration pingInterval,
      Duration peerTimeout,
      int maxFrameBytes,
      boolean connectOnly,
      boolean compression) {
    this(
        listenAddress,
        port,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        compression,
        true);
  }

  public static NetworkSection defaults(NetworkName network) {
    return new NetworkSection(
        "0.0.0.0",
        network.defaultP2pPort(),
        List.of(),
        8,
        64,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        16 * 1024 * 1024,
        false,
        true);
  }

  static NetworkSection read(TomlTable t, NetworkName network) {
    NetworkSection d = defaults(network);
    List<String> peers = t.strings("bootstrap_peers", d.bootstrapPeers);
    for (String p : peers) {
      if (HostPort.parse(p) == null) {
        throw t.invalid("bootstrap_peers", "entry \"" + p + "\" must be host:port (port 1-65535)");
      }
    }
    NetworkSection s =
        new NetworkSection(
            NodeSection.nonBlank(t, "listen_address", t.string("listen_address", d.listenAddress)),
            t.port("port", d.port),
            peers,
            t.intIn("max_outbound_peers", d.maxOutboundPeers, 0, 1000),
            t.intIn("max_inbound_peers", d.maxInboundPeers, 0, 10_000),
            t.millis("ping_interval_ms", d.pingInterval, 100, 3_600_000),
            t.millis("peer_timeout_ms", d.peerTimeout, 200, 7_200_000),
            t.intIn("max_frame_bytes", d.maxFrameBytes, 64 * 1024, 256 * 1024 * 1024),
            t.bool("connect_only", d.connectOnly),
            t.bool("compression", d.compression),
            t.bool("compact_relay", d.compactRelay));
    t.rejectUnknownKeys();
    if (s.peerTimeout.compareTo(s.pingInterval) <= 0) {
      throw t.invalid("peer_timeout_ms", "must be greater than ping_interval_ms");
    }
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("network", "Peer-to-peer connections.")
        .key("listen_address", str(listenAddress), "Address the P2P listener binds to")
        .key("port", num(port), "P2P port (testnet 24100, mainnet 24000)")
        .key("bootstrap_peers", list(bootstrapPeers), "Peers to dial first, as \"host:port\"")
        .key("max_outbound_peers", num(maxOutboundPeers), "Outbound connections the node keeps")
        .key("max_inbound_peers", num(maxInboundPeers), "Inbound connections accepted at most")
        .key("ping_interval_ms", ms(pingInterval), "Keep-alive PING period")
        .key("peer_timeout_ms", ms(peerTimeout), "Disconnect a peer silent this long")
        .key("max_frame_bytes", num(maxFrameBytes), "Largest P2P frame accepted")
        .key(
            "connect_only",
            bool(connectOnly),
            "Dial only bootstrap_peers, never addresses learned from peers")
        .key(
            "compression",
            bool(compression),
            "LZ4-compress large frames to peers that support it (when it makes them smaller)")
        .key(
            "compact_relay",
            bool(compactRelay),
            "Announce transactions by id and send proposals with short ids that peers rebuild from"
                + " their mempools");
  }

  public NetworkSection withConnectOnly(boolean v) {
    return new NetworkSection(
        listenAddress,
        port,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        v,
        compression,
        compactRelay);
  }

  public NetworkSection withCompression(boolean v) {
    return new NetworkSection(
        listenAddress,
        port,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        v,
        compactRelay);
  }

  public NetworkSection withBootstrapPeers(List<String> peers) {
    return new NetworkSection(
        listenAddress,
        port,
        peers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        compression,
        compactRelay);
  }

  public NetworkSection withListenAddress(String host) {
    return new NetworkSection(
        host,
        port,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        compression,
        compactRelay);
  }

  public NetworkSection withPort(int p) {
    return new NetworkSection(
        listenAddress,
        p,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        compression,
        compactRelay);
  }

  public NetworkSection withCompactRelay(boolean v) {
    return new NetworkSection(
        listenAddress,
        port,
        bootstrapPeers,
        maxOutboundPeers,
        maxInboundPeers,
        pingInterval,
        peerTimeout,
        maxFrameBytes,
        connectOnly,
        compression,
        v);
  }
}
