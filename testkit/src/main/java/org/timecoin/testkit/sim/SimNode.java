package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.ConsensusEngine;
import org.timecoin.consensus.ConsensusState;
import org.timecoin.consensus.Effect;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Signer;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.testkit.sim.SimMessage.CatchUpMsg;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.StatusMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;

/**
 * One simulated validator: a {@link ConsensusEngine} driven by virtual time and the simulated
 * network. What a real node keeps on disk — the WAL, the last-signed record, the decided chain and
 * the blocks it has seen — survives {@link #crash()}; everything else is rebuilt on {@link
 * #restart()} by replaying the WAL. Like a real node it gossips (re-sends its own messages while
 * stuck, and the proof of lock with a re-proposal) and syncs blocks: a node that lags adopts the
 * decided heights its peers send it, after checking their certificates.
 */
public final class SimNode {
  private final SimRun run;
  private final int endpoint;
  private final int validatorIndex;
  private final Behaviour behaviour;
  private final Signer signer;
  private final SplittableRandom random;
  // Durable: survives a crash.
  private final MemoryWal wal = new MemoryWal();
  private final MemorySignGuard guard = new MemorySignGuard();
  private final TreeMap<Long, HeightDecision> chain = new TreeMap<>();
  private final Map<Hash32, SyntheticBlock> blocks = new HashMap<>();
  // Volatile: lost on a crash.
  private ConsensusEngine engine;
  private boolean up;
  private int incarnation;
  private long highestPeerHeight;
  private final BlockSync sync = new BlockSync(this);
  private Runnable crashBeforeNextSend;
  private ConsensusSnapshot beforeCrash;
  private boolean wholeLogKept;
  private boolean started;
  private final OwnGossip own = new OwnGossip(this);
  private final List<Map.Entry<Integer, SimMessage>> beforeFirstStart = new ArrayList<>();

  SimNode(SimRun run, int endpoint, int validatorIndex, Behaviour behaviour) {
    this.run = run;
    this.endpoint = endpoint;
    this.validatorIndex = validatorIndex;
    this.behaviour = behaviour;
    this.signer = run.keys().signer(validatorIndex);
    this.random = run.seeds().stream("node-" + endpoint);
  }

  public int endpoint() {
    return endpoint;
  }

  public int validatorIndex() {
    return validatorIndex;
  }

  public PublicKey key() {
    return signer.publicKey();
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  public boolean honest() {
    return behaviour.honest();
  }

  public boolean isUp() {
    return up;
  }

  public SplittableRandom random() {
    return random;
  }

  public SimRun run() {
    return run;
  }

  /** The height this node's consensus is working on (0 before it started). */
  public long height() {
    return engine == null ? chain.size() : engine.state().height();
  }

  public int round() {
    return engine == null ? 0 : engine.state().round();
  }

  public boolean decidedCurrentHeight() {
    return engine != null && engine.state().step() == Step.COMMIT;
  }

  /** The highest height this node has finalized (0 if none). */
  public long finalizedHeight() {
    return chain.isEmpty() ? 0 : chain.lastKey();
  }

  /**
   * True while the node lives the life {@code life} (it has not crashed since) and runs consensus.
   */
  boolean alive(int life) {
    return up && life == incarnation && engine != null;
  }

  ConsensusState consensusState() {
    return engine.state();
  }

  HeightDecision decision(long height) {
    return chain.get(height);
  }

  SyntheticBlock block(Hash32 hash) {
    return blocks.get(hash);
  }

  // ---- life cycle --------------------------------------------------------------------------

  void start() {
    up = true;
    int life = incarnation;
    behaviour.onStart(this);
    if (!behaviour.participates() || !up || life != incarnation) {
      started = true;
      beforeFirstStart.clear();
      return;
    }
    engine =
        new ConsensusEngine(
            ConsensusState.initial(run.params(), key()),
            run.keys().chainId(),
            signer,
            run.keys().verifier(),
            wal,
            guard);
    own.start(life);
    if (!wal.isEmpty()) {
      List<Effect> effects = engine.replay(wal.inputs());
      checkReplay();
      execute(effects);
    } else {
      startHeight(finalizedHeight() + 1);
    }
    if (up && life == incarnation) {
      broadcast(new StatusMsg(height()));
    }
    if (!started) {
      // Peers connected before we were ready: what they sent waited in the socket buffers.
      started = true;
      for (Map.Entry<Integer, SimMessage> e : beforeFirstStart) {
        receive(e.getKey(), e.getValue());
      }
      beforeFirstStart.clear();
    }
  }

  /** Stops the node at once: timers die, messages in flight to it are lost, disk state stays. */
  public void crash() {
    if (!up) {
      return;
    }
    up = false;
    incarnation++;
    beforeCrash = engine == null ? null : ConsensusSnapshot.of(engine.state());
    wholeLogKept = true;
    engine = null;
    sync.reset();
    crashBeforeNextSend = null;
    own.clear();
    run.network().crash(endpoint);
  }

  /** Loses what the WAL had not synced yet: inputs received since our last own signed message. */
  int loseUnsyncedLog() {
    int lost = wal.loseUnsyncedTail();
    wholeLogKept &= lost == 0;
    return lost;
  }

  /** A replayed WAL must give back the state the node had when it crashed (see the snapshot). */
  private void checkReplay() {
    if (beforeCrash != null && honest()) {
      String lost = beforeCrash.lostIn(ConsensusSnapshot.of(engine.state()), wholeLogKept);
      if (lost != null) {
        run.log("%s replay did not restore: %s", this, lost);
        run.metrics().replayMismatch();
      }
    }
    beforeCrash = null;
  }

  /** Loses the WAL and the last-signed record, as a validator whose disk died would. */
  void loseConsensusLog() {
    wal.clear();
    guard.clear();
    beforeCrash = null;
  }

  public void restart() {
    if (up) {
      return;
    }
    run.network().restart(endpoint);
    start();
  }

  /**
   * Crashes the node right after its next signed message is logged, before it is sent (only while
   * the fault phase lasts), then runs {@code afterCrash}.
   */
  public void crashBeforeNextSend(Runnable afterCrash) {
    crashBeforeNextSend = afterCrash;
  }

  // ---- sending, for behaviours --------------------------------------------------------------

  public void broadcast(SimMessage message) {
    run.network().broadcast(endpoint, message);
  }

  public void send(int to, SimMessage message) {
    run.network().send(endpoint, to, message);
  }

  /** Signs a proposal with this validator's key, bypassing the sign guard. */
  public Proposal signProposal(long height, int round, Hash32 value, int validRound) {
    byte[] bytes =
        MessageSigning.proposalSignBytes(run.keys().chainId(), height, round, value, validRound);
    return new Proposal(height, round, value, validRound, key(), signer.sign(bytes));
  }

  /** Signs a vote with this validator's key, bypassing the sign guard (value null = nil). */
  public Vote signVote(VoteType type, long height, int round, Hash32 value) {
    byte[] bytes = MessageSigning.voteSignBytes(run.keys().chainId(), type, height, round, value);
    return new Vote(type, height, round, value, key(), signer.sign(bytes));
  }

  /** Makes {@code block} known to this node (as if received) and to the run's block registry. */
  public void remember(SyntheticBlock block) {
    blocks.put(block.hash(), block);
    run.registerBlock(block);
  }

  // ---- receiving -------------------------------------------------------------------------------

  void receive(int from, SimMessage message) {
    if (!started && !up) {
      beforeFirstStart.add(Map.entry(from, message));
      return;
    }
    if (!up) {
      return;
    }
    behaviour.observe(this, from, message);
    if (engine == null) {
      return;
    }
    long h = height();
    if (message.height() > h) {
      highestPeerHeight = Math.max(highestPeerHeight, message.height());
      if (!decidedCurrentHeight()) {
        sync.ask(from, h);
      }
    }
    switch (message) {
      case StatusMsg s -> {
        if (s.height() < h || (s.height() == h && decidedCurrentHeight())) {
          sync.offer(from, s.height());
        }
      }
      case ProposalMsg p -> {
        if (!helpLaggard(from, p.height())) {
          helpRoundLaggard(from, p.height(), p.proposal().round());
          blocks.put(p.block().hash(), p.block());
          handle(new Input.ProposalReceived(p.proposal()));
        }
      }
      case VoteMsg v -> {
        if (!helpLaggard(from, v.height())) {
          helpRoundLaggard(from, v.height(), v.vote().round());
          handle(new Input.VoteReceived(v.vote()));
        }
      }
      case CatchUpMsg c -> {
        run.log("%s receives catch-up for h=%d at h=%d", this, c.height(), h);
        if (c.height() == h
            && !decidedCurrentHeight()
            && BlockSync.verifies(c, run.validatorSet(), run.keys().verifier())) {
          adopt(c);
        }
      }
    }
  }

  /** Takes a verified decision from a peer: records the block and starts the next height. */
  private void adopt(CatchUpMsg c) {
    blocks.put(c.block().hash(), c.block());
    chain.put(
        c.height(), new HeightDecision(c.height(), c.round(), c.block().hash(), c.precommits()));
    run.finalized(this, c.height(), c.block().hash(), true);
    scheduleNextHeight(c.height());
  }

  /**
   * A message from a height we have left (not merely decided: late votes of the height just decided
   * are normal): its sender lags, so send it that height's decision.
   */
  private void helpRoundLaggard(int from, long messageHeight, int messageRound) {
    if (messageHeight == height() && messageRound < round()) {
      sync.offerRound(from, messageHeight, messageRound, own.of(messageHeight, messageRound));
    }
  }

  private boolean helpLaggard(int from, long messageHeight) {
    if (messageHeight >= height()) {
      return false;
    }
    sync.offer(from, messageHeight);
    return true;
  }

  // ---- driving the engine ----------------------------------------------------------------------

  private void handle(Input input) {
    if (engine == null) {
      return;
    }
    execute(engine.handle(input));
  }

  /** Posts {@code input} to this node after {@code delayNanos}, unless it crashes first. */
  private void post(long delayNanos, Input input) {
    int life = incarnation;
    run.scheduler()
        .scheduleAfterNanos(
            delayNanos,
            () -> {
              if (up && life == incarnation) {
                handle(input);
              }
            });
  }

  private void startHeight(long height) {
    run.heightStarting(this, height);
    if (up && engine != null) {
      handle(new Input.StartHeight(height, run.validatorSet()));
    }
  }

  private void execute(List<Effect> effects) {
    int life = incarnation;
    for (Effect effect : effects) {
      if (!up || life != incarnation) {
        return; // crashed while carrying out effects: the rest never happens
      }
      switch (effect) {
        case Effect.BroadcastProposal bp -> sendOwn(bp.proposal());
        case Effect.BroadcastVote bv -> sendOwn(bv.vote());
        case Effect.ScheduleTimeout t -> {
          run.metrics().timeoutScheduled(t.duration());
          post(t.duration().toNanos(), new Input.TimeoutElapsed(t.kind(), t.height(), t.round()));
        }
        case Effect.ValidateBlock v -> {
          SyntheticBlock block = blocks.get(v.value());
          boolean valid =
              block != null && block.hash().equals(v.value()) && block.validAt(v.height());
          post(
              run.validationDelayNanos(random),
              new Input.BlockValidated(v.height(), v.value(), valid));
        }
        case Effect.RequestValue r -> {
          SyntheticBlock block = behaviour.buildBlock(this, r.height(), r.round());
          remember(block);
          post(0, new Input.ValueToPropose(r.height(), r.round(), block.hash()));
        }
        case Effect.Decide d -> decided(d);
        case Effect.RoundChanged rc -> {
          run.log(
              "%s round %d -> %d at h=%d (%s)",
              this, rc.oldRound(), rc.newRound(), rc.height(), rc.cause());
          if (honest()) {
            run.metrics().roundEntered(rc.height(), rc.newRound());
          }
        }
        case Effect.EvidenceFound e -> run.metrics().evidenceFound();
        case Effect.Rejected r -> {
          run.log("%s rejected %s: %s", this, r.input(), r.reason());
          run.metrics().messageRejected();
        }
        case Effect.SignProposal sp -> throw new IllegalStateException("engine leaked " + sp);
        case Effect.SignVote sv -> throw new IllegalStateException("engine leaked " + sv);
      }
    }
  }

  private void sendOwn(Proposal proposal) {
    run.log("%s sends %s", this, proposal);
    if (honest()) {
      run.monitor().honestProposal(proposal);
    }
    if (crashBeforeNextSend != null && !run.faultsOver()) {
      Runnable then = crashBeforeNextSend;
      run.crash(this);
      then.run();
      return;
    }
    ProposalMsg message = new ProposalMsg(proposal, blocks.get(proposal.value()));
    own.add(proposal.height(), message);
    behaviour.sendProposal(this, message);
    if (proposal.validRound() >= 0 && engine != null) {
      // The proof of lock: the prevotes of validRound that let peers accept the re-proposal
      // (line 28) even if they missed them when they were first sent.
      for (Vote v :
          engine
              .state()
              .votes()
              .votesFor(proposal.validRound(), VoteType.PREVOTE, proposal.value())) {
        broadcast(new VoteMsg(v));
      }
    }
  }

  private void sendOwn(Vote vote) {
    run.log("%s sends %s", this, vote);
    if (honest()) {
      run.monitor().honestVote(vote);
    }
    if (crashBeforeNextSend != null && !run.faultsOver()) {
      Runnable then = crashBeforeNextSend;
      run.crash(this);
      then.run();
      return;
    }
    VoteMsg message = new VoteMsg(vote);
    own.add(vote.height(), message);
    behaviour.sendVote(this, message);
  }

  private void decided(Effect.Decide d) {
    if (!chain.containsKey(d.height())) {
      List<Vote> precommits =
          d.certificate().signatures().stream().map((CommitSignature s) -> toVote(d, s)).toList();
      chain.put(d.height(), new HeightDecision(d.height(), d.round(), d.value(), precommits));
      run.finalized(this, d.height(), d.value(), false);
    }
    scheduleNextHeight(d.height());
  }

  /**
   * Starts the height after {@code decided} once the block interval has passed, or at once if peers
   * are already past it (they waited the interval already).
   */
  private void scheduleNextHeight(long decided) {
    long delay =
        highestPeerHeight > decided ? 0 : Duration.ofMillis(run.blockIntervalMillis()).toNanos();
    int life = incarnation;
    long next = decided + 1;
    run.scheduler()
        .scheduleAfterNanos(
            delay,
            () -> {
              if (up && life == incarnation && engine != null && height() < next) {
                startHeight(next);
              }
            });
  }

  private static Vote toVote(Effect.Decide d, CommitSignature s) {
    return new Vote(
        VoteType.PRECOMMIT, d.height(), d.round(), d.value(), s.validator(), s.signature());
  }

  @Override
  public String toString() {
    return "node" + endpoint + "(v" + validatorIndex + "," + behaviour.name() + ")";
  }
}
