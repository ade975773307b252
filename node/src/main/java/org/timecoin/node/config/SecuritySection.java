package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;

import java.time.Duration;

/**
 * {@code [security]}: per-peer rate limits, ban length, inbound connections per source address, how
 * long a peer may leave what we send unread, RPC connection limits, and the transaction budget each
 * peer may relay.
 *
 * @param peerTxBytesPerSecond bytes of transactions a peer may relay per second; at least 1 MiB, so
 *     the largest valid transaction always fits
 * @param peerTxInputsPerSecond transaction inputs a peer may relay per second (each costs a UTXO
 *     lookup); at least 10,000, more than a largest transaction holds
 */
public record SecuritySection(
    int peerMessagesPerSecond,
    Duration banDuration,
    int rpcMaxConnections,
    int maxInboundPerIp,
    int maxInboundPerSubnet,
    Duration peerSendStall,
    long peerTxBytesPerSecond,
    int peerTxInputsPerSecond) {

  static final long MIN_TX_BYTES_PER_SECOND = NodeSection.MIB;
  static final int MIN_TX_INPUTS_PER_SECOND = 10_000;

  /** With the default inbound source limits, send stall and transaction budget. */
  public SecuritySection(int peerMessagesPerSecond, Duration banDuration, int rpcMaxConnections) {
    this(
        peerMessagesPerSecond,
        banDuration,
        rpcMaxConnections,
        8,
        16,
        Duration.ofSeconds(10),
        8 * NodeSection.MIB,
        40_000);
  }

  public static SecuritySection defaults() {
    return new SecuritySection(20_000, Duration.ofMinutes(10), 64);
  }

  /**
   * With other inbound limits per source: a devnet on one machine has every peer on 127.0.0.1,
   * where the default of 8 per IP would leave validators unconnected.
   */
  public SecuritySection withInboundPerSource(int perIp, int perSubnet) {
    return new SecuritySection(
        peerMessagesPerSecond,
        banDuration,
        rpcMaxConnections,
        perIp,
        perSubnet,
        peerSendStall,
        peerTxBytesPerSecond,
        peerTxInputsPerSecond);
  }

  public SecuritySection withPeerMessagesPerSecond(int perSecond) {
    return new SecuritySection(
        perSecond,
        banDuration,
        rpcMaxConnections,
        maxInboundPerIp,
        maxInboundPerSubnet,
        peerSendStall,
        peerTxBytesPerSecond,
        peerTxInputsPerSecond);
  }

  static SecuritySection read(TomlTable t) {
    SecuritySection d = defaults();
    SecuritySection s =
        new SecuritySection(
            t.intIn("peer_messages_per_second", d.peerMessagesPerSecond, 1, 10_000_000),
            t.millis("ban_duration_ms", d.banDuration, 0, 30L * 86_400_000),
            t.intIn("rpc_max_connections", d.rpcMaxConnections, 1, 100_000),
            t.intIn("max_inbound_per_ip", d.maxInboundPerIp, 1, 10_000),
            t.intIn("max_inbound_per_subnet", d.maxInboundPerSubnet, 1, 10_000),
            t.millis("peer_send_stall_ms", d.peerSendStall, 100, 3_600_000),
            t.longIn(
                "peer_tx_bytes_per_second",
                d.peerTxBytesPerSecond,
                MIN_TX_BYTES_PER_SECOND,
                1024 * NodeSection.MIB),
            t.intIn(
                "peer_tx_inputs_per_second",
                d.peerTxInputsPerSecond,
                MIN_TX_INPUTS_PER_SECOND,
                100_000_000));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("security", "Limits that protect the node from misbehaving peers and clients.")
        .key(
            "peer_messages_per_second",
            num(peerMessagesPerSecond),
            "Messages accepted per peer per second, per message type; also the transactions\n"
                + "a peer may relay per second")
        .key("ban_duration_ms", ms(banDuration), "How long a misbehaving peer stays banned")
        .key("rpc_max_connections", num(rpcMaxConnections), "Concurrent RPC connections accepted")
        .key("max_inbound_per_ip", num(maxInboundPerIp), "Inbound peers accepted from one IP")
        .key(
            "max_inbound_per_subnet",
            num(maxInboundPerSubnet),
            "Inbound peers accepted from one /24 (IPv4) or /48 (IPv6)")
        .key(
            "peer_send_stall_ms",
            ms(peerSendStall),
            "Disconnect a peer that leaves what we send unread this long")
        .key(
            "peer_tx_bytes_per_second",
            num(peerTxBytesPerSecond),
            "Bytes of transactions a peer may relay per second (at least 1048576); kept per node\n"
                + "key and per IP address for ban_duration_ms, so reconnecting does not refill it")
        .key(
            "peer_tx_inputs_per_second",
            num(peerTxInputsPerSecond),
            "Transaction inputs a peer may relay per second (at least 10000), kept the same way");
  }
}
