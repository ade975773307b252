package org.timecoin.consensus.runtime;

/**
 * What consensus holds in memory for heights it has not decided, so that its bounds can be watched
 * (taken by the owner thread after each event; safe to read from any thread).
 *
 * @param candidateBlocks blocks held for the current and the next height
 * @param candidateBytes their encoded size
 * @param bufferedInputs proposals and votes of the next height waiting for it to start
 * @param ignoredNetworkInputs peer messages dropped because they would change nothing (another
 *     height, a duplicate, a full share), before the WAL
 * @param refusedCandidates proposals dropped because their proposer's share of blocks was full
 */
public record ConsensusHoldings(
    int candidateBlocks,
    long candidateBytes,
    int bufferedInputs,
    long ignoredNetworkInputs,
    long refusedCandidates) {
  static final ConsensusHoldings NONE = new ConsensusHoldings(0, 0, 0, 0, 0);
}
