package org.timecoin.node.api;

/** The node's view of its chain: identity, tip, and how it is catching up ({@code sync}). */
public record ChainInfo(
    String network,
    String chainId,
    String genesisHash,
    long height,
    String bestBlockHash,
    long bestBlockTime,
    String stateRoot,
    boolean syncing,
    long bestPeerHeight,
    int validators,
    boolean validator,
    SyncView sync) {}
