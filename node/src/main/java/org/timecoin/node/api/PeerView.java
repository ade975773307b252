package org.timecoin.node.api;

/** A connected peer; height is the best it announced, RTT -1 before the first pong. */
public record PeerView(
    String nodeId,
    String address,
    boolean inbound,
    long height,
    long rttMillis,
    long connectedSeconds,
    long bytesIn,
    long bytesOut) {}
