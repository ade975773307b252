package org.timecoin.consensus.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.ConsensusCore;
import org.timecoin.consensus.ConsensusEngine;
import org.timecoin.consensus.ConsensusState;
import org.timecoin.consensus.Effect;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.Step;
import org.timecoin.domain.block.ValidatorSet;

/**
 * The effect executor: everything the owner thread owns — the {@link ConsensusEngine}, the WAL,
 * timers, candidate blocks and height pacing. It feeds inputs to the engine and carries out the
 * effects through the ports. Not thread-safe by design: only the owner thread calls it (see {@link
 * ConsensusLoop}). Generic in the block type, so the node and the simulation run this same code.
 */
final class ConsensusDriver<B> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);

  private final RuntimeSetup<B> setup;
  private final ConsensusPorts<B> ports;
  private final BlockKind<B> kind;
  private final ConsensusLog<B> wal;
  private final OwnerMailbox<B> mailbox;
  private final Executor validationPool;
  private final RuntimeMetrics metrics;
  private final LongSupplier droppedNetworkInputs;
  private final TimeoutMonitor timeouts;
  private final HeightPacer pacer;
  private final CandidateBlocks<B> candidates;
  private final Map<RoundChangeCause, Long> roundChanges = new EnumMap<>(RoundChangeCause.class);

  private ConsensusEngine engine;
  private long lastDecidedHeight = -1;
  private long lastCommitWallMillis = -1;
  private long lastDecidedAtNanos;

  /** When the current height started here: the block interval counts from it. */
  private long heightStartedAtNanos;

  private long equivocations;
  private final Deque<EquivocationEvidence> recentEvidence = new ArrayDeque<>();
  private boolean flushScheduled;
  private long ignoredNetworkInputs;
  private long refusedCandidates;
  private volatile ConsensusStatus status = ConsensusStatus.NOT_STARTED;
  private volatile ConsensusHoldings holdings = ConsensusHoldings.NONE;

  ConsensusDriver(
      RuntimeSetup<B> setup,
      ConsensusLog<B> wal,
      OwnerMailbox<B> mailbox,
      Executor validationPool,
      RuntimeMetrics metrics,
      LongSupplier droppedNetworkInputs,
      long candidateBytesPerProposer) {
    this.setup = setup;
    this.ports = setup.ports();
    this.kind = setup.kind();
    this.candidates = new CandidateBlocks<>(candidateBytesPerProposer, kind);
    this.droppedNetworkInputs = droppedNetworkInputs;
    this.wal = wal;
    this.mailbox = mailbox;
    this.validationPool = validationPool;
    this.metrics = metrics;
    this.timeouts =
        new TimeoutMonitor(
            setup.scheduler(), setup.config().maxRoundTimeout(), mailbox::putLocal, metrics);
    this.pacer =
        new HeightPacer(
            setup.config(),
            setup.clock(),
            setup.scheduler(),
            ports::hasPendingTransactions,
            mailbox::runOnOwner,
            this::startHeight);
  }

  /**
   * Rebuilds the state of {@code height} from its WAL segment (or starts the height afresh) and
   * carries out what is still pending: re-broadcast of our own messages, timers, validations.
   */
  void recover(long height) {
    ConsensusLog.Recovered<B> recovered = wal.recover(height);
    engine = newEngine();
    recovered.blocks().forEach(candidates::addOwn);
    if (recovered.inputs().isEmpty()) {
      startHeight(height);
      afterEvent();
      return;
    }
    if (!(recovered.inputs().getFirst() instanceof Input.StartHeight sh) || sh.height() != height) {
      throw new IllegalStateException(
          "consensus WAL segment of height "
              + height
              + " does not begin with the start of that height: "
              + recovered.inputs().getFirst());
    }
    heightStartedAtNanos = setup.clock().monoNanos(); // the height resumes here
    LOG.info(
        "replaying {} WAL inputs of height {} ({} candidate blocks)",
        recovered.inputs().size(),
        height,
        recovered.blocks().size());
    dispatch(engine.replay(recovered.inputs()));
    wal.pruneBelow(height);
    afterEvent();
  }

  void onEvent(OwnerMailbox.Event<B> event) {
    switch (event) {
      case OwnerMailbox.Event.NetworkInput<B> n -> networkInput(n.input(), n.block());
      case OwnerMailbox.Event.LocalInput<B> l -> process(l.input());
      case OwnerMailbox.Event.Task<B> t -> t.action().run();
    }
    afterEvent();
  }

  /**
   * A peer's proposal (with its block) or vote. One that would change nothing — another height, a
   * duplicate, a full share of the next-height buffer — is dropped before the WAL and before its
   * block is kept; a proposal whose proposer's share of candidate blocks is full is dropped too.
   */
  private void networkInput(Input input, B block) {
    if (!ConsensusCore.changes(engine.state(), input)) {
      ignoredNetworkInputs++;
      return;
    }
    if (block != null && input instanceof Input.ProposalReceived pr) {
      CandidateBlocks.Added added = candidates.add(block, pr.proposal().proposer());
      if (!added.held()) {
        refusedCandidates++;
        LOG.debug("dropped {}: {} for its proposer's share of blocks", pr.proposal(), added);
        return;
      }
      if (added == CandidateBlocks.Added.ADDED && isCurrentHeight(block)) {
        wal.appendBlock(block);
      }
    }
    if (pacer.waiting()) {
      pacer.peerStarted(heightOf(input));
    }
    process(input);
  }

  /**
   * End of a batch of events: group-commit the WAL. Records still pending are synced by a flush
   * after the group-commit interval, so a quiet period does not leave them in the page cache.
   */
  void endOfBatch() {
    if (wal.groupCommit() && !flushScheduled) {
      flushScheduled = true;
      setup
          .scheduler()
          .schedule(
              setup.config().walGroupCommitInterval(),
              () -> mailbox.runOnOwner("wal group commit", () -> flushScheduled = false));
    }
  }

  /** Block sync stored blocks up to {@code tip}: leave an obsolete height for the next one. */
  void caughtUp(long tip) {
    if (engine == null || tip < engine.state().height()) {
      return;
    }
    if (tip == engine.state().height() && pacer.waiting()) {
      return; // our own decision, stored: the pacer starts the next height on time
    }
    LOG.info("block sync stored height {}: leaving height {}", tip, engine.state().height());
    pacer.cancel();
    timeouts.close();
    candidates.dropBelow(tip + 1);
    engine = newEngine();
    startHeight(tip + 1);
    afterEvent();
  }

  void transactionsAvailable() {
    pacer.check();
  }

  /** Whether an admitted transaction should be told to the owner; callable from any thread. */
  boolean wantsTransactions() {
    return pacer.wantsTransactions();
  }

  ConsensusStatus status() {
    return status;
  }

  void halted(String reason) {
    status = snapshot(reason);
  }

  private ConsensusEngine newEngine() {
    return new ConsensusEngine(
        ConsensusState.initial(
            setup.config().params(), setup.signer() == null ? null : setup.signer().publicKey()),
        setup.chainId(),
        setup.signer(),
        MessageVerifier.PREVERIFIED, // checked on the validation pool before queueing
        wal,
        setup.signGuard());
  }

  private void startHeight(long height) {
    heightStartedAtNanos = setup.clock().monoNanos();
    ValidatorSet validators = ports.validatorsAt(height);
    process(new Input.StartHeight(height, validators));
    // Blocks that came with buffered proposals of this height: into its segment, so that a
    // restart replaying the proposals also has their blocks.
    for (B b : candidates.ofHeight(height)) {
      wal.appendBlock(b);
    }
    wal.pruneBelow(height);
    candidates.dropBelow(height);
  }

  private void process(Input input) {
    dispatch(engine.handle(input));
  }

  private void dispatch(List<Effect> effects) {
    for (Effect effect : effects) {
      switch (effect) {
        case Effect.BroadcastProposal p -> broadcastProposal(p);
        case Effect.BroadcastVote v -> ports.broadcastVote(v.vote());
        case Effect.ScheduleTimeout t -> scheduleTimeout(t);
        case Effect.ValidateBlock v -> validate(v);
        case Effect.RequestValue r -> requestValue(r);
        case Effect.Decide d -> decide(d);
        case Effect.RoundChanged rc -> roundChanged(rc);
        case Effect.EvidenceFound ev -> evidence(ev);
        case Effect.Rejected r -> rejected(r.input(), r.reason());
        case Effect.SignProposal sp ->
            throw new IllegalStateException("unsigned proposal escaped the engine: " + sp);
        case Effect.SignVote sv ->
            throw new IllegalStateException("unsigned vote escaped the engine: " + sv);
      }
    }
  }

  private void scheduleTimeout(Effect.ScheduleTimeout t) {
    Duration delay = timeouts.schedule(t);
    try {
      ports.listener().timeoutScheduled(t.kind(), t.height(), t.round(), delay);
    } catch (RuntimeException e) {
      LOG.warn("consensus listener failed on a timeout", e);
    }
  }

  private void broadcastProposal(Effect.BroadcastProposal p) {
    B block = candidates.get(p.proposal().value());
    if (block == null) {
      // Only after a restart whose WAL lost the block record: peers that have the block still
      // act on the proposal; the others prevote nil.
      LOG.warn("own proposal {} re-sent without its block body (not in the WAL)", p.proposal());
    }
    ports.broadcastProposal(p.proposal(), block);
  }

  private void validate(Effect.ValidateBlock v) {
    B block = candidates.get(v.value());
    if (block == null) {
      LOG.warn(
          "height {} round {}: block {} to validate is unknown; the round will time out",
          v.height(),
          v.round(),
          v.value());
      return;
    }
    if (kind.height(block) != v.height()) {
      mailbox.putLocal(new Input.BlockValidated(v.height(), v.value(), false));
      return;
    }
    validationPool.execute(() -> runValidation(v.height(), v.value(), block));
  }

  private void runValidation(long height, Hash32 value, B block) {
    CompletionStage<Boolean> result;
    try {
      result = ports.validate(height, block);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (valid, error) -> {
          if (error != null) {
            LOG.warn(
                "validation of block {} at height {} failed; counted invalid",
                value,
                height,
                error);
          }
          mailbox.putLocal(
              new Input.BlockValidated(height, value, error == null && Boolean.TRUE.equals(valid)));
        });
  }

  private void requestValue(Effect.RequestValue r) {
    CompletionStage<B> produced;
    try {
      produced = ports.produce(r.height(), r.round());
    } catch (RuntimeException e) {
      produced = CompletableFuture.failedFuture(e);
    }
    produced.whenComplete(
        (block, error) ->
            mailbox.runOnOwner(
                "value produced", () -> valueProduced(r.height(), r.round(), block, error)));
  }

  private void valueProduced(long height, int round, B block, Throwable error) {
    if (error != null || block == null || kind.height(block) != height) {
      LOG.warn(
          "height {} round {}: no block to propose ({}); peers will time out and move on",
          height,
          round,
          error != null
              ? error.toString()
              : block == null ? "none" : "wrong height " + kind.height(block));
      return;
    }
    if (candidates.addOwn(block)) {
      wal.appendBlock(block);
    }
    process(new Input.ValueToPropose(height, round, kind.hash(block)));
  }

  private void decide(Effect.Decide d) {
    lastDecidedHeight = d.height();
    lastCommitWallMillis = setup.clock().wallMillis();
    lastDecidedAtNanos = setup.clock().monoNanos();
    metrics.decided(setup.clock());
    B block = candidates.get(d.value());
    if (block == null) {
      LOG.error(
          "height {} decided block {} in round {} but its body is unknown; waiting for block sync",
          d.height(),
          d.value(),
          d.round());
      return;
    }
    LOG.info(
        "height {} decided in round {}: block {} of {} bytes",
        d.height(),
        d.round(),
        d.value(),
        kind.encodedSize(block));
    long height = d.height();
    ports
        .finalizeBlock(block, d.certificate())
        .whenComplete(
            (ok, error) -> mailbox.runOnOwner("block stored", () -> blockStored(height, error)));
  }

  private void blockStored(long height, Throwable error) {
    if (error != null) {
      throw new IllegalStateException("decided block of height " + height + " not stored", error);
    }
    ConsensusState state = engine.state();
    if (state.height() != height || state.step() != Step.COMMIT) {
      return; // block sync moved us on meanwhile
    }
    pacer.awaitHeight(height + 1, heightStartedAtNanos, lastDecidedAtNanos);
    if (pacer.waiting() && !state.bufferedForNextHeight().isEmpty()) {
      pacer.peerStarted(height + 1);
    }
  }

  private void roundChanged(Effect.RoundChanged rc) {
    roundChanges.merge(rc.cause(), 1L, Long::sum);
    metrics.roundChanged(rc.cause());
    try {
      ports.listener().roundChanged(rc.height(), rc.oldRound(), rc.newRound(), rc.cause());
    } catch (RuntimeException e) {
      LOG.warn("consensus listener failed on a round change", e);
    }
    String cause =
        switch (rc.cause()) {
          case PRECOMMIT_TIMEOUT -> "timeout_precommit expired";
          case PRECOMMIT_NIL_QUORUM -> "+2/3 precommitted nil";
          case ROUND_SKIP -> "f+1 voting power seen in round " + rc.newRound();
        };
    LOG.info(
        "round change at height {}: round {} -> {} ({}); next proposer {}",
        rc.height(),
        rc.oldRound(),
        rc.newRound(),
        cause,
        engine.state().proposer(rc.newRound()));
  }

  private void evidence(Effect.EvidenceFound ev) {
    equivocations++;
    metrics.equivocation();
    recentEvidence.addLast(ev.evidence());
    if (recentEvidence.size() > ConsensusStatus.MAX_RECENT_EVIDENCE) {
      recentEvidence.removeFirst();
    }
    LOG.warn(
        "equivocation by {}: {} and {}",
        ev.evidence().first().validator(),
        ev.evidence().first(),
        ev.evidence().second());
    try {
      ports.listener().equivocation(ev.evidence());
    } catch (RuntimeException e) {
      LOG.warn("consensus listener failed on evidence", e);
    }
  }

  void rejected(Input input, RejectReason reason) {
    metrics.rejected(reason);
    LOG.debug("refused {}: {}", input, reason);
    try {
      ports.listener().rejected(input, reason);
    } catch (RuntimeException e) {
      LOG.warn("consensus listener failed on a refused message", e);
    }
  }

  private void afterEvent() {
    ConsensusState state = engine.state();
    timeouts.cancelBefore(state.height(), state.round());
    metrics.observe(state.height(), state.round(), state.step(), setup.clock());
    status = snapshot(null);
    holdings =
        new ConsensusHoldings(
            candidates.size(),
            candidates.bytes(),
            state.bufferedForNextHeight().size(),
            ignoredNetworkInputs,
            refusedCandidates);
  }

  ConsensusHoldings holdings() {
    return holdings;
  }

  private ConsensusStatus snapshot(String haltReason) {
    if (engine == null) {
      return ConsensusStatus.NOT_STARTED;
    }
    ConsensusState s = engine.state();
    boolean started = s.step() != Step.NEW_HEIGHT;
    return new ConsensusStatus(
        s.height(),
        s.round(),
        s.step(),
        started ? s.proposer(s.round()) : null,
        s.isValidator(),
        s.lockedRound(),
        s.lockedValue().orElse(null),
        s.validRound(),
        lastDecidedHeight,
        lastCommitWallMillis,
        roundChanges,
        equivocations,
        droppedNetworkInputs.getAsLong(),
        haltReason,
        List.copyOf(recentEvidence));
  }

  /** The engine's state, for a simulation that checks it (owner thread only). */
  ConsensusState state() {
    return engine == null ? null : engine.state();
  }

  private boolean isCurrentHeight(B block) {
    return engine.state().height() == kind.height(block);
  }

  private static long heightOf(Input input) {
    return switch (input) {
      case Input.ProposalReceived p -> p.proposal().height();
      case Input.VoteReceived v -> v.vote().height();
      case Input.StartHeight s -> s.height();
      case Input.TimeoutElapsed t -> t.height();
      case Input.BlockValidated b -> b.height();
      case Input.ValueToPropose v -> v.height();
    };
  }

  @Override
  public void close() {
    pacer.cancel();
    timeouts.close();
    wal.close();
  }
}
