package org.timecoin.node.api;

/**
 * The node's P2P side: its identity, listener and connection counts.
 *
 * @param timeOffsetMillis the median of the peers' clocks minus ours, from the last clock check
 */
public record NetworkView(
    String nodeKey,
    String listenAddress,
    long protocolVersion,
    int connections,
    int inbound,
    int outbound,
    long timeOffsetMillis) {}
