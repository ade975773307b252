package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;

import java.time.Duration;

/**
 * {@code [security]}: per-peer rate limits, the transaction budget each peer may relay, ban length
 * and RPC connection limits.
 *
 * @param peerTxBytesPerSecond bytes of transactions a peer may relay per second; at least 1 MiB, so
 *     the largest valid transaction always fits
 * @param peerTxInputsPerSecond transaction inputs a peer may relay per second (each costs a UTXO
 *     lookup); at least 10,000, more than a largest transaction holds
 */
public record SecuritySection(
    int peerMessagesPerSecond,
    long peerTxBytesPerSecond,
    int peerTxInputsPerSecond,
    Duration banDuration,
    int rpcMaxConnections) {

  static final long MIN_TX_BYTES_PER_SECOND = NodeSection.MIB;
  static final int MIN_TX_INPUTS_PER_SECOND = 10_000;

  public static SecuritySection defaults() {
    return new SecuritySection(20_000, 8 * NodeSection.MIB, 40_000, Duration.ofMinutes(10), 64);
  }

  public SecuritySection withPeerMessagesPerSecond(int perSecond) {
    return new SecuritySection(
        perSecond, peerTxBytesPerSecond, peerTxInputsPerSecond, banDuration, rpcMaxConnections);
  }

  static SecuritySection read(TomlTable t) {
    SecuritySection d = defaults();
    SecuritySection s =
        new SecuritySection(
            t.intIn("peer_messages_per_second", d.peerMessagesPerSecond, 1, 10_000_000),
            t.longIn(
                "peer_tx_bytes_per_second",
                d.peerTxBytesPerSecond,
                MIN_TX_BYTES_PER_SECOND,
                1024 * NodeSection.MIB),
            t.intIn(
                "peer_tx_inputs_per_second",
                d.peerTxInputsPerSecond,
                MIN_TX_INPUTS_PER_SECOND,
                100_000_000),
            t.millis("ban_duration_ms", d.banDuration, 0, 30L * 86_400_000),
            t.intIn("rpc_max_connections", d.rpcMaxConnections, 1, 100_000));
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
        .key(
            "peer_tx_bytes_per_second",
            num(peerTxBytesPerSecond),
            "Bytes of transactions a peer may relay per second (at least 1048576); kept per node\n"
                + "key and per IP address for ban_duration_ms, so reconnecting does not refill it")
        .key(
            "peer_tx_inputs_per_second",
            num(peerTxInputsPerSecond),
            "Transaction inputs a peer may relay per second (at least 10000), kept the same way")
        .key("ban_duration_ms", ms(banDuration), "How long a misbehaving peer stays banned")
        .key("rpc_max_connections", num(rpcMaxConnections), "Concurrent RPC connections accepted");
  }
}
