package org.timecoin.node.api;

/** The node's P2P side: its identity, listener and connection counts. */
public record NetworkView(
    String nodeKey,
    String listenAddress,
    long protocolVersion,
    int connections,
    int inbound,
    int outbound) {}
