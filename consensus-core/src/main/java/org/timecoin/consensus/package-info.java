/**
 * The Tendermint consensus core: Algorithm 1 of Buchman, Kwon, Milosevic, "The latest gossip on BFT
 * consensus" (arXiv:1807.04938), free of threads, clocks, sockets and disk.
 *
 * <ul>
 *   <li>{@link org.timecoin.consensus.ConsensusCore#apply} is the pure transition {@code (state,
 *       input) -> (state', effects)} over the sealed {@link org.timecoin.consensus.Input} and
 *       {@link org.timecoin.consensus.Effect} records; {@link org.timecoin.consensus.Rules} holds
 *       the "upon" rules with the paper's line numbers.
 *   <li>{@link org.timecoin.consensus.VoteKeeper} is the single vote store of a height; {@link
 *       org.timecoin.consensus.ProposerSelector} picks proposer(h, r).
 *   <li>Signing is an effect: the core emits unsigned {@code SignProposal}/{@code SignVote}, and
 *       {@link org.timecoin.consensus.ConsensusEngine} signs through its {@link
 *       org.timecoin.consensus.Signer} port after the {@link org.timecoin.consensus.SignGuard}
 *       allowed it and the {@link org.timecoin.consensus.LastSigned} record is durable. Signature
 *       checks of incoming messages are a port too ({@link
 *       org.timecoin.consensus.MessageVerifier}), so a runtime may run them on a pool.
 *   <li>The engine logs every input to the {@link org.timecoin.consensus.WalPort} before applying
 *       it and rebuilds the state from the log with {@link
 *       org.timecoin.consensus.ConsensusEngine#replay}.
 * </ul>
 */
package org.timecoin.consensus;
