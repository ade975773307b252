package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.SignGuardPort;
import org.timecoin.consensus.Signer;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.wal.FileWal;
import org.timecoin.consensus.runtime.wal.LastSignedStore;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;

/**
 * The consensus runtime of one node (DESIGN.md §2 threading model, §4): a single owner thread
 * drains a queue of inputs, applies each through the {@link org.timecoin.consensus.ConsensusEngine}
 * (which appends it to the WAL first and makes own signed messages durable before they leave), and
 * carries out the effects through the ports ({@link ConsensusLoop} over chain blocks, with the file
 * WAL and threads of its own). Timers post {@code TimeoutElapsed} inputs into the same queue;
 * signature checks and block validation run on the validation pool and come back as inputs; block
 * production and storage are asynchronous ports.
 *
 * <p>Network threads call {@link #submitProposal} and {@link #submitVote}, which never block: see
 * {@link OwnerMailbox} for the backpressure policy. {@link #status()} is safe from any thread.
 *
 * <p>Any unexpected failure on the owner thread (WAL I/O error, a port that throws) halts
 * consensus: {@link #failure()} completes and the status carries the reason; the node should stop,
 * since a validator that cannot write its WAL must not sign.
 */
public final class ConsensusRuntime implements AutoCloseable {
  /** Four blocks of 8 MiB: candidate bytes per proposer and height unless the builder says. */
  public static final long DEFAULT_CANDIDATE_BYTES_PER_PROPOSER = 32L << 20;

  private final ConsensusLoop<Block> loop;

  private ConsensusRuntime(Builder b) {
    Path dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
    ConsensusPorts<Block> ports =
        new NodePorts(
            Objects.requireNonNull(b.validatorSets, "validatorSets"),
            Objects.requireNonNull(b.gossip, "gossip"),
            Objects.requireNonNull(b.producer, "blockProducer"),
            Objects.requireNonNull(b.blockValidator, "blockValidator"),
            Objects.requireNonNull(b.finalizer, "finalizer"),
            Objects.requireNonNull(b.listener, "listener"));
    FileWal wal =
        new FileWal(dataDir.resolve("wal"), b.clock, b.config.walGroupCommitInterval(), b.registry);
    this.loop =
        ConsensusLoop.builder(BlockKind.CHAIN, ports, wal)
            .config(b.config)
            .chainId(b.chainId)
            .signer(b.signer)
            .signGuard(
                b.signGuard != null
                    ? b.signGuard
                    : new LastSignedStore(dataDir.resolve("last-signed")))
            .startHeight(b.startHeight)
            .messageVerifier(b.verifier)
            .clock(b.clock)
            .scheduler(b.scheduler)
            .meterRegistry(b.registry)
            .ownerExecutor(b.ownerExecutor)
            .validationPool(b.validationPool)
            .candidateBytesPerProposer(b.candidateBytesPerProposer)
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Recovers the WAL of the start height (truncating a torn tail, replaying its inputs) or starts
   * that height afresh, then starts the owner thread. Recovery runs on the calling thread, so a
   * corrupted WAL fails here with {@link org.timecoin.consensus.runtime.wal.WalCorruptedException}.
   */
  public void start() {
    loop.start();
  }

  /**
   * A proposal and the block it proposes, from a peer. Returns false when it was dropped because
   * the queue is full or the runtime is not running. The signature, and that the block is the one
   * proposed, are checked off the caller's thread; a failure is reported to the {@link
   * ConsensusListener} ({@code BAD_SIGNATURE}, or {@code MALFORMED} for a block that does not
   * match).
   */
  public boolean submitProposal(Proposal proposal, Block block) {
    return loop.submitProposal(proposal, block);
  }

  /** A vote from a peer; see {@link #submitProposal} for when it is dropped. */
  public boolean submitVote(Vote vote) {
    return loop.submitVote(vote);
  }

  /**
   * The mempool has transactions waiting: the next height may start before the empty-block wait.
   */
  public void transactionsAvailable() {
    loop.transactionsAvailable();
  }

  /**
   * Block sync stored the chain up to {@code storedTip}: if consensus is at or below that height,
   * it leaves it and starts height {@code storedTip + 1}.
   */
  public void caughtUp(long storedTip) {
    loop.caughtUp(storedTip);
  }

  /** The latest snapshot, for RPC {@code getconsensusinfo}. */
  public ConsensusStatus status() {
    return loop.status();
  }

  /** Completes with the cause if consensus halts on an unexpected failure. */
  public CompletableFuture<Throwable> failure() {
    return loop.failure();
  }

  /** What consensus holds for heights not decided yet: bounded, see {@link ConsensusHoldings}. */
  public ConsensusHoldings holdings() {
    return loop.holdings();
  }

  /** Peer messages waiting for the owner thread (plus local inputs and tasks). */
  public int queuedEvents() {
    return loop.queuedEvents();
  }

  @Override
  public void close() {
    loop.close();
  }

  /** The node's separate ports as one {@link ConsensusPorts} of chain blocks. */
  private record NodePorts(
      ValidatorSets validatorSets,
      Gossip gossip,
      BlockProducer producer,
      BlockValidatorPort blockValidator,
      BlockFinalizer finalizer,
      ConsensusListener listener)
      implements ConsensusPorts<Block> {
    @Override
    public ValidatorSet validatorsAt(long height) {
      return validatorSets.forHeight(height);
    }

    @Override
    public void broadcastProposal(Proposal proposal, Block block) {
      gossip.broadcastProposal(proposal, block);
    }

    @Override
    public void broadcastVote(Vote vote) {
      gossip.broadcastVote(vote);
    }

    @Override
    public CompletionStage<Block> produce(long height, int round) {
      return producer.produce(height, round);
    }

    @Override
    public boolean hasPendingTransactions() {
      return producer.hasPendingTransactions();
    }

    @Override
    public CompletionStage<Boolean> validate(long height, Block block) {
      return blockValidator.validate(height, block);
    }

    @Override
    public CompletionStage<Void> finalizeBlock(Block block, CommitCertificate certificate) {
      return finalizer.finalizeBlock(block, certificate);
    }
  }

  /** Assembles a runtime from its ports; everything without a default is required. */
  public static final class Builder {
    private ConsensusConfig config = ConsensusConfig.DEFAULT;
    private Hash32 chainId;
    private Signer signer;
    private SignGuardPort signGuard;
    private Path dataDir;
    private long startHeight = -1;
    private ValidatorSets validatorSets;
    private Gossip gossip;
    private BlockProducer producer;
    private BlockValidatorPort blockValidator;
    private BlockFinalizer finalizer;
    private ConsensusListener listener = ConsensusListener.NONE;
    private MessageVerifier verifier;
    private Clock clock = Clock.SYSTEM;
    private Scheduler scheduler;
    private MeterRegistry registry = new SimpleMeterRegistry();
    private Executor ownerExecutor;
    private Executor validationPool;
    private long candidateBytesPerProposer = DEFAULT_CANDIDATE_BYTES_PER_PROPOSER;

    private Builder() {}

    /**
     * Bytes of candidate blocks one proposer may have held per height (see {@link
     * CandidateBlocks}); a few of the largest blocks the chain allows.
     */
    public Builder candidateBytesPerProposer(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("candidateBytesPerProposer must be >= 1");
      }
      this.candidateBytesPerProposer = bytes;
      return this;
    }

    public Builder config(ConsensusConfig config) {
      this.config = config;
      return this;
    }

    /** The chain id of the genesis; part of every signed message. */
    public Builder chainId(Hash32 chainId) {
      this.chainId = chainId;
      return this;
    }

    /** This validator's key; leave unset for a node that follows consensus without voting. */
    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** Directory for the WAL ({@code wal/}) and the sign guard ({@code last-signed}). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Replaces the file sign guard in the data dir (a remote signer keeps its own). */
    public Builder signGuard(SignGuardPort signGuard) {
      this.signGuard = signGuard;
      return this;
    }

    /** The first height to decide: the stored chain's tip + 1. */
    public Builder startHeight(long startHeight) {
      this.startHeight = startHeight;
      return this;
    }

    public Builder validatorSets(ValidatorSets validatorSets) {
      this.validatorSets = validatorSets;
      return this;
    }

    public Builder gossip(Gossip gossip) {
      this.gossip = gossip;
      return this;
    }

    public Builder blockProducer(BlockProducer producer) {
      this.producer = producer;
      return this;
    }

    public Builder blockValidator(BlockValidatorPort blockValidator) {
      this.blockValidator = blockValidator;
      return this;
    }

    public Builder finalizer(BlockFinalizer finalizer) {
      this.finalizer = finalizer;
      return this;
    }

    public Builder listener(ConsensusListener listener) {
      this.listener = listener;
      return this;
    }

    /** Signature check of peer messages; Ed25519 over the chain's sign bytes by default. */
    public Builder messageVerifier(MessageVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Fires consensus timeouts and height pacing. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Runs the owner loop; it must run tasks one at a time, in order (a single thread, or a
     * simulation's event loop). Default: one platform thread named {@code consensus-owner}.
     */
    public Builder ownerExecutor(Executor ownerExecutor) {
      this.ownerExecutor = ownerExecutor;
      return this;
    }

    /** Runs signature checks and block validation. Default: one thread per core. */
    public Builder validationPool(Executor validationPool) {
      this.validationPool = validationPool;
      return this;
    }

    public ConsensusRuntime build() {
      Objects.requireNonNull(scheduler, "scheduler");
      if (startHeight < 1) {
        throw new IllegalArgumentException("startHeight must be >= 1 (tip + 1)");
      }
      return new ConsensusRuntime(this);
    }
  }
}
