package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.ConsensusState;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.SignGuardPort;
import org.timecoin.consensus.Signer;
import org.timecoin.consensus.Vote;

/**
 * The consensus loop of one node over blocks of type {@code B}: a single owner drains a queue of
 * inputs, applies each through the {@link org.timecoin.consensus.ConsensusEngine} (which appends it
 * to the WAL first and makes own signed messages durable before they leave), and carries out the
 * effects through the {@link ConsensusPorts}. Timers post {@code TimeoutElapsed} inputs into the
 * same queue; signature checks and block validation run on the validation pool and come back as
 * inputs. The node runs it as {@link ConsensusRuntime} (chain blocks, file WAL, threads); the
 * deterministic simulation runs this same loop with its own blocks, an in-memory WAL and the owner
 * and validation executors on its virtual-time event queue.
 *
 * <p>{@link #submitProposal} and {@link #submitVote} never block: see {@link OwnerMailbox} for the
 * backpressure policy. {@link #status()} is safe from any thread. Any unexpected failure on the
 * owner (WAL I/O error, a port that throws) halts consensus: {@link #failure()} completes and the
 * status carries the reason.
 *
 * @param <B> the block type
 */
public final class ConsensusLoop<B> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusLoop.class);
  private static final int MAX_BATCH = 256;

  private final BlockKind<B> kind;
  private final MessageVerifier verifier;
  private final long startHeight;
  private final Executor givenOwnerExecutor;
  private final Executor givenValidationPool;

  /** Set by {@link #start()}: the given executors, or ones this loop creates and shuts down. */
  private volatile Executor ownerExecutor;

  private volatile Executor validationPool;
  private final OwnerMailbox<B> mailbox;
  private final ConsensusDriver<B> driver;
  private final RuntimeMetrics metrics;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean transactionNoticePending = new AtomicBoolean();
  private final AtomicLong droppedNetworkInputs = new AtomicLong();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private volatile boolean running;
  private volatile boolean closed;
  private volatile boolean halted;

  private ConsensusLoop(Builder<B> b) {
    this.kind = b.kind;
    RuntimeSetup<B> setup =
        new RuntimeSetup<>(
            b.config, b.chainId, b.signer, b.signGuard, b.kind, b.ports, b.clock, b.scheduler);
    this.verifier = b.verifier != null ? b.verifier : MessageVerifier.ed25519(b.chainId);
    this.startHeight = b.startHeight;
    this.givenOwnerExecutor = b.ownerExecutor;
    this.givenValidationPool = b.validationPool;
    this.mailbox = new OwnerMailbox<>(b.config.networkQueueCapacity(), this::wake);
    this.metrics = new RuntimeMetrics(b.registry, this::status);
    this.driver =
        new ConsensusDriver<>(
            setup,
            b.wal,
            mailbox,
            task -> validationPool.execute(task),
            metrics,
            droppedNetworkInputs::get,
            b.candidateBytesPerProposer);
  }

  /**
   * A loop over blocks described by {@code kind}, calling {@code ports}, logging to {@code wal}.
   */
  public static <B> Builder<B> builder(
      BlockKind<B> kind, ConsensusPorts<B> ports, ConsensusLog<B> wal) {
    return new Builder<>(kind, ports, wal);
  }

  /**
   * Recovers the WAL of the start height (replaying its inputs) or starts that height afresh, then
   * starts the owner. Recovery runs on the calling thread, so a damaged WAL fails here.
   */
  public void start() {
    if (ownerExecutor != null) {
      throw new IllegalStateException("already started");
    }
    ownerExecutor =
        givenOwnerExecutor != null
            ? givenOwnerExecutor
            : Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("consensus-owner").factory());
    validationPool =
        givenValidationPool != null
            ? givenValidationPool
            : Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("consensus-validation-", 0).daemon(true).factory());
    driver.recover(startHeight);
    running = !closed; // a port may have closed the loop while recovery called it
    wake();
  }

  /**
   * A proposal and the block it proposes, from a peer. Returns false when it was dropped because
   * the queue is full or the loop is not running. The signature, and that the block is the one
   * proposed, are checked off the caller's thread; a failure is reported to the {@link
   * ConsensusListener} ({@code BAD_SIGNATURE}, or {@code MALFORMED} for a block that does not
   * match).
   */
  public boolean submitProposal(Proposal proposal, B block) {
    return submit(
        new Input.ProposalReceived(proposal),
        block,
        () -> {
          if (block == null
              || kind.height(block) != proposal.height()
              || !kind.hash(block).equals(proposal.value())) {
            return RejectReason.MALFORMED; // the block that came with it is not the one proposed
          }
          return verifier.verify(proposal) ? null : RejectReason.BAD_SIGNATURE;
        });
  }

  /** A vote from a peer; see {@link #submitProposal} for when it is dropped. */
  public boolean submitVote(Vote vote) {
    return submit(
        new Input.VoteReceived(vote),
        null,
        () -> verifier.verify(vote) ? null : RejectReason.BAD_SIGNATURE);
  }

  /**
   * The mempool has transactions waiting: the next height may start before the empty-block wait.
   */
  public void transactionsAvailable() {
    // Only an idle pacer needs telling (otherwise its block_interval timer asks the mempool), and
    // one notice waiting on the owner covers every admission until it runs: at thousands of
    // transactions a second, a notice each would keep the owner thread waking for nothing.
    if (running
        && driver.wantsTransactions()
        && transactionNoticePending.compareAndSet(false, true)) {
      mailbox.runOnOwner(
          "transactions available",
          () -> {
            transactionNoticePending.set(false);
            driver.transactionsAvailable();
          });
    }
  }

  /**
   * Block sync stored the chain up to {@code storedTip}: if consensus is at or below that height,
   * it leaves it and starts height {@code storedTip + 1}.
   */
  public void caughtUp(long storedTip) {
    if (running) {
      mailbox.runOnOwner("caught up", () -> driver.caughtUp(storedTip));
    }
  }

  /** The latest snapshot, for RPC {@code getconsensusinfo}. */
  public ConsensusStatus status() {
    return driver.status();
  }

  /**
   * The engine's whole state, for a simulation that checks what a WAL replay restored. Only on the
   * owner (the simulation's single event loop); null before {@link #start()}.
   */
  public ConsensusState ownerState() {
    return driver.state();
  }

  /** Completes with the cause if consensus halts on an unexpected failure. */
  public CompletableFuture<Throwable> failure() {
    return failure;
  }

  /** What consensus holds for heights not decided yet: bounded, see {@link ConsensusHoldings}. */
  public ConsensusHoldings holdings() {
    return driver.holdings();
  }

  /** Peer messages waiting for the owner (plus local inputs and tasks). */
  public int queuedEvents() {
    return mailbox.size();
  }

  /** {@code check} runs on the validation pool and returns null when the message may be queued. */
  private boolean submit(Input input, B block, Supplier<RejectReason> check) {
    if (!running || halted || !mailbox.reserveNetworkSlot()) {
      droppedNetworkInputs.incrementAndGet();
      metrics.dropped();
      return false;
    }
    try {
      validationPool.execute(
          () -> {
            RejectReason refused;
            try {
              refused = check.get();
            } catch (RuntimeException e) {
              refused = RejectReason.MALFORMED;
            }
            if (refused == null) {
              mailbox.addNetwork(input, block);
            } else {
              mailbox.releaseNetworkSlot();
              driver.rejected(input, refused);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      mailbox.releaseNetworkSlot();
      return false;
    }
  }

  private void wake() {
    if (running && !halted && drainScheduled.compareAndSet(false, true)) {
      try {
        ownerExecutor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drainScheduled.set(false); // closing
      }
    }
  }

  /** Runs on the owner: handles up to a batch of events, then group-commits the WAL. */
  private void drain() {
    try {
      for (int i = 0; i < MAX_BATCH && running && !halted; i++) {
        OwnerMailbox.Event<B> event = mailbox.poll();
        if (event == null) {
          break;
        }
        driver.onEvent(event);
      }
      if (running && !halted) {
        driver.endOfBatch();
      }
    } catch (Throwable t) {
      halt(t);
    } finally {
      drainScheduled.set(false);
      if (!mailbox.isEmpty()) {
        wake();
      }
    }
  }

  private void halt(Throwable cause) {
    halted = true;
    LOG.error("consensus halted: {}", cause.toString(), cause);
    driver.halted(cause.toString());
    failure.complete(cause);
  }

  /** Stops the loop: nothing queued runs any more, timers are cancelled and the WAL is closed. */
  @Override
  public void close() {
    closed = true;
    running = false;
    shutdownIfOwned(ownerExecutor, givenOwnerExecutor);
    shutdownIfOwned(validationPool, givenValidationPool);
    driver.close();
    metrics.close();
  }

  private static void shutdownIfOwned(Executor executor, Executor given) {
    if (executor == null || executor == given) {
      return;
    }
    ExecutorService service = (ExecutorService) executor;
    service.shutdown();
    try {
      if (!service.awaitTermination(10, TimeUnit.SECONDS)) {
        service.shutdownNow();
      }
    } catch (InterruptedException e) {
      service.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Assembles a loop; everything without a default is required. */
  public static final class Builder<B> {
    private final BlockKind<B> kind;
    private final ConsensusPorts<B> ports;
    private final ConsensusLog<B> wal;
    private ConsensusConfig config = ConsensusConfig.DEFAULT;
    private Hash32 chainId;
    private Signer signer;
    private SignGuardPort signGuard;
    private long startHeight = -1;
    private MessageVerifier verifier;
    private Clock clock = Clock.SYSTEM;
    private Scheduler scheduler;
    private MeterRegistry registry;
    private Executor ownerExecutor;
    private Executor validationPool;
    private long candidateBytesPerProposer = ConsensusRuntime.DEFAULT_CANDIDATE_BYTES_PER_PROPOSER;

    private Builder(BlockKind<B> kind, ConsensusPorts<B> ports, ConsensusLog<B> wal) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.ports = Objects.requireNonNull(ports, "ports");
      this.wal = Objects.requireNonNull(wal, "wal");
    }

    /** See {@link ConsensusRuntime.Builder#candidateBytesPerProposer}. */
    public Builder<B> candidateBytesPerProposer(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("candidateBytesPerProposer must be >= 1");
      }
      this.candidateBytesPerProposer = bytes;
      return this;
    }

    public Builder<B> config(ConsensusConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder<B> chainId(Hash32 chainId) {
      this.chainId = chainId;
      return this;
    }

    /** This validator's key; null for a node that follows consensus without voting. */
    public Builder<B> signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The last-signed record that keeps a restarted validator from signing twice. */
    public Builder<B> signGuard(SignGuardPort signGuard) {
      this.signGuard = signGuard;
      return this;
    }

    /** The first height to decide: the stored chain's tip + 1. */
    public Builder<B> startHeight(long startHeight) {
      this.startHeight = startHeight;
      return this;
    }

    /** Signature check of peer messages; Ed25519 over the chain's sign bytes by default. */
    public Builder<B> messageVerifier(MessageVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    public Builder<B> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Fires consensus timeouts and height pacing. */
    public Builder<B> scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder<B> meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** See {@link ConsensusRuntime.Builder#ownerExecutor}. */
    public Builder<B> ownerExecutor(Executor ownerExecutor) {
      this.ownerExecutor = ownerExecutor;
      return this;
    }

    /** Runs signature checks and block validation. Default: one thread per core. */
    public Builder<B> validationPool(Executor validationPool) {
      this.validationPool = validationPool;
      return this;
    }

    public ConsensusLoop<B> build() {
      Objects.requireNonNull(scheduler, "scheduler");
      if (startHeight < 1) {
        throw new IllegalArgumentException("startHeight must be >= 1 (tip + 1)");
      }
      if (registry == null) {
        registry = new SimpleMeterRegistry();
      }
      return new ConsensusLoop<>(this);
    }
  }
}
