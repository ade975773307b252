package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/**
 * One runtime under test, validator {@code self} of a {@link TestChain}, on virtual time; the test
 * plays the other validators by signing their messages itself. Records everything the runtime sends
 * through its ports.
 */
final class SingleRuntimeFixture
    implements Gossip, BlockProducer, BlockValidatorPort, BlockFinalizer, ConsensusListener {
  final VirtualClock clock = new VirtualClock();
  final VirtualScheduler scheduler = new VirtualScheduler(clock);
  final Executor onScheduler = task -> scheduler.schedule(Duration.ZERO, task);
  final TestChain chain;
  final int self;
  final Path dataDir;
  final List<Vote> sentVotes = new ArrayList<>();
  final List<Proposal> sentProposals = new ArrayList<>();
  final List<Block> finalized = new ArrayList<>();
  final List<RejectReason> rejections = new ArrayList<>();
  final List<EquivocationEvidence> evidence = new ArrayList<>();
  SimpleMeterRegistry registry;
  ConsensusConfig config = ConsensusConfig.DEFAULT;
  ConsensusRuntime runtime;

  /** What {@link #hasPendingTransactions()} answers. */
  boolean transactionsPending = true;

  /** Runs inside broadcastVote, before the vote is recorded as sent. */
  java.util.function.Consumer<Vote> onVoteSend = v -> {};

  /** Thrown from broadcastVote, once, to model a crash between the WAL write and the send. */
  RuntimeException failNextVoteSend;

  SingleRuntimeFixture(TestChain chain, int self, Path dataDir) {
    this.chain = chain;
    this.self = self;
    this.dataDir = dataDir;
  }

  ConsensusRuntime.Builder builder(long startHeight) {
    registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
    return ConsensusRuntime.builder()
        .config(config)
        .chainId(chain.chainId)
        .signer(new LocalKeySigner(chain.keys.get(self)))
        .dataDir(dataDir)
        .startHeight(startHeight)
        .validatorSets(h -> chain.validators)
        .gossip(this)
        .blockProducer(this)
        .blockValidator(this)
        .finalizer(this)
        .listener(this)
        .clock(clock)
        .scheduler(scheduler)
        .meterRegistry(registry)
        .ownerExecutor(onScheduler)
        .validationPool(onScheduler);
  }

  ConsensusRuntime start(long startHeight) {
    runtime = builder(startHeight).build();
    runtime.start();
    settle();
    return runtime;
  }

  /** Runs every event due now (message handling, validation), without letting time pass. */
  void settle() {
    scheduler.runUntil(clock.monoNanos());
  }

  void advance(Duration d) {
    scheduler.runFor(d);
  }

  Block block(long height, int round, int proposer) {
    return chain.block(height, round, proposer, Hash32.ZERO, 1000 + round);
  }

  /** Delivers a proposal of {@code proposer} for {@code block} and lets the runtime handle it. */
  void deliverProposal(int proposer, Block block, int validRound) {
    Proposal p =
        chain.proposal(proposer, block.height(), block.header().round(), block.hash(), validRound);
    runtime.submitProposal(p, block);
    settle();
  }

  List<Vote> sentVotes(org.timecoin.domain.block.VoteType type, long height, int round) {
    return sentVotes.stream()
        .filter(v -> v.type() == type && v.height() == height && v.round() == round)
        .toList();
  }

  @Override
  public void broadcastProposal(Proposal proposal, Block block) {
    sentProposals.add(proposal);
  }

  @Override
  public void broadcastVote(Vote vote) {
    if (failNextVoteSend != null) {
      RuntimeException e = failNextVoteSend;
      failNextVoteSend = null;
      throw e;
    }
    onVoteSend.accept(vote);
    sentVotes.add(vote);
  }

  @Override
  public CompletionStage<Block> produce(long height, int round) {
    return CompletableFuture.completedFuture(block(height, round, self));
  }

  @Override
  public boolean hasPendingTransactions() {
    return transactionsPending;
  }

  @Override
  public CompletionStage<Boolean> validate(long height, Block block) {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletionStage<Void> finalizeBlock(Block block, CommitCertificate certificate) {
    finalized.add(block);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void rejected(Input input, RejectReason reason) {
    rejections.add(reason);
  }

  @Override
  public void equivocation(EquivocationEvidence e) {
    evidence.add(e);
  }
}
