package org.timecoin.node.api;

/**
 * This node as a masternode.
 *
 * @param operatorKey the key that signs its votes (hex)
 * @param enabled whether {@code [masternode] enabled} is set
 * @param record its registry record; null when not registered
 * @param voting whether it is a voter of the next height's set (and enabled)
 * @param epoch the epoch of the next height
 * @param votingFromEpoch the first epoch whose set holds it: past or current when it votes, the
 *     coming one when it is due to enter; -1 when no set holds it or will
 * @param message a sentence saying where it stands
 */
public record MasternodeStatusView(
    String operatorKey,
    boolean enabled,
    MasternodeView record,
    boolean voting,
    long epoch,
    long votingFromEpoch,
    String message) {}
