package org.timecoin.node.api;

/** Where consensus stands: mode, height, round, step and how often rounds changed. */
public record ConsensusView(
    String mode,
    long height,
    int round,
    String step,
    String proposer,
    int validators,
    long totalVotingPower,
    long roundChanges,
    boolean validator,
    String localValidator) {}
