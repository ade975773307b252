package org.timecoin.node.api;

/** Summary of the unspent-output set at the tip. */
public record UtxoSetView(
    long height, String bestBlockHash, long txouts, long totalAmount, String stateRoot) {}
