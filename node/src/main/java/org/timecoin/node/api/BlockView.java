package org.timecoin.node.api;

import java.util.List;

/** A finalized block as shown to clients; amounts in units, hashes and keys in hex. */
public record BlockView(
    String hash,
    long height,
    int version,
    String previousHash,
    String nextHash,
    String txRoot,
    String stateRoot,
    long timestamp,
    String proposer,
    int round,
    int size,
    List<TxView> transactions,
    int commitSignatures,
    int certificateRound) {}
