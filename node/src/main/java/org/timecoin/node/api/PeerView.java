package org.timecoin.node.api;

/** A connected peer. */
public record PeerView(
    String nodeId,
    String address,
    boolean inbound,
    long height,
    long rttMillis,
    long connectedSeconds,
    long messagesIn,
    long messagesOut) {}
