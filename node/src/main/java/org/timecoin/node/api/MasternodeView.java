package org.timecoin.node.api;

/**
 * One masternode of the registry.
 *
 * @param collateral {@code txid:0} of its registration; null for a genesis validator
 * @param owner the address the collateral pays
 * @param status PENDING, ACTIVE_SET, LEAVING or REMOVED
 * @param inCurrentSet whether it belongs to the validator set of the height after the tip
 * @param active whether it is in that set and signed recently enough to share that block's reward
 * @param enteredHeight the first height it voted at, or -1
 * @param leavingHeight the height of its deregistration, or -1
 * @param lastSignedHeight the last height whose certificate it signed, or -1
 * @param uptime certificates signed over heights in a set since entering, 0..1; null before it was
 *     expected to sign any
 */
public record MasternodeView(
    String operatorKey,
    String tier,
    String collateral,
    String owner,
    String rewardAddress,
    String networkAddress,
    long votingPower,
    String status,
    boolean inCurrentSet,
    boolean active,
    long registeredHeight,
    long enteredHeight,
    long leavingHeight,
    long lastSignedHeight,
    long signedCount,
    Double uptime) {}
