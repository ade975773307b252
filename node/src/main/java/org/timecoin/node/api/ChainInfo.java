package org.timecoin.node.api;

/** The node's view of its chain: identity, tip, and whether it is catching up. */
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
    boolean validator) {}
