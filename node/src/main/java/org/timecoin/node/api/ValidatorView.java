package org.timecoin.node.api;

/** A masternode of the validator set. */
public record ValidatorView(
    String publicKey, long votingPower, String tier, String rewardAddress, boolean connected) {}
