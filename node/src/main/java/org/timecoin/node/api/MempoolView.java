package org.timecoin.node.api;

/** Mempool size and bounds. */
public record MempoolView(
    int size, long bytes, int maxTxs, long maxBytes, long minFee, long accepted, long rejected) {}
