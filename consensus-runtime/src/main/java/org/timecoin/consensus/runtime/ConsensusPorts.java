package org.timecoin.consensus.runtime;

import java.util.concurrent.CompletionStage;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;

/**
 * Everything the effect executor ({@link ConsensusLoop}) calls outside itself, for blocks of type
 * {@code B}. {@link ConsensusRuntime} assembles it from the node's separate ports ({@link
 * ValidatorSets}, {@link Gossip}, {@link BlockProducer}, {@link BlockValidatorPort}, {@link
 * BlockFinalizer}, {@link ConsensusListener}), whose contracts (which thread, never block) apply
 * here method by method; a simulation implements it on virtual time.
 *
 * @param <B> the block type
 */
public interface ConsensusPorts<B> {
  /** See {@link ValidatorSets#forHeight}. */
  ValidatorSet validatorsAt(long height);

  /** See {@link Gossip#broadcastProposal}. */
  void broadcastProposal(Proposal proposal, B block);

  /** See {@link Gossip#broadcastVote}. */
  void broadcastVote(Vote vote);

  /** See {@link BlockProducer#produce}. */
  CompletionStage<B> produce(long height, int round);

  /** See {@link BlockProducer#hasPendingTransactions}. */
  boolean hasPendingTransactions();

  /** See {@link BlockValidatorPort#validate}. */
  CompletionStage<Boolean> validate(long height, B block);

  /** See {@link BlockFinalizer#finalizeBlock}. */
  CompletionStage<Void> finalizeBlock(B block, CommitCertificate certificate);

  /** Told of refused messages, evidence, round changes and timeouts. */
  ConsensusListener listener();
}
