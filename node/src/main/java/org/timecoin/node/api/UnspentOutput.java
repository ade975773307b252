package org.timecoin.node.api;

/** One unspent output, as listunspent shows it; amount in units. */
public record UnspentOutput(
    String txid, int vout, String address, long amount, long height, boolean coinbase) {}
