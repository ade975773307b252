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
 * #restart()} by replaying the WAL. A node that lags learns the decided heights from its peers
 * (status and catch-up messages) and decides them through its own engine.
 */
public final class SimNode {
  /** The decision of one height, kept to help peers catch up. */
  record Decision(long height, int round, Hash32 value, List<Vote> precommits) {}

  private static final long RESEND_NANOS = Duration.ofSeconds(1).toNanos();

  private final SimRun run;
  private final int endpoint;
  private final int validatorIndex;
  private final Behaviour behaviour;
  private final Signer signer;
  private final SplittableRandom random;
  // Durable: survives a crash.
  private final MemoryWal wal = new MemoryWal();
  private final MemorySignGuard guard = new MemorySignGuard();
  private final TreeMap<Long, Decision> chain = new TreeMap<>();
  private final Map<Hash32, SyntheticBlock> blocks = new HashMap<>();
  // Volatile: lost on a crash.
  private ConsensusEngine engine;
  private boolean up;
  private int incarnation;
  private long highestPeerHeight;
  private final Map<Long, Long> catchUpSentNanos = new HashMap<>();
  private final Map<Integer, Long> statusSentNanos = new HashMap<>();
  private Runnable crashBeforeNextSend;
  private boolean started;
  private final List<SimMessage> ownThisHeight = new ArrayList<>();
  private long ownHeight = -1;
  private String lastGossipPosition = "";
  private long gossipDelayMillis;
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

  Decision decision(long height) {
    return chain.get(height);
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
    gossipDelayMillis = run.gossipIntervalMillis();
    scheduleGossip(life);
    if (!wal.isEmpty()) {
      execute(engine.replay(wal.inputs()));
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
    engine = null;
    catchUpSentNanos.clear();
    statusSentNanos.clear();
    crashBeforeNextSend = null;
    ownThisHeight.clear();
    ownHeight = -1;
    lastGossipPosition = "";
    run.network().crash(endpoint);
  }

  /** Loses the WAL and the last-signed record, as a validator whose disk died would. */
  void loseConsensusLog() {
    wal.clear();
    guard.clear();
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
        askForCatchUp(from, h);
      }
    }
    switch (message) {
      case StatusMsg s -> {
        if (s.height() < h || (s.height() == h && decidedCurrentHeight())) {
          sendCatchUp(from, s.height());
        }
      }
      case ProposalMsg p -> {
        if (!helpLaggard(from, p.height())) {
          blocks.put(p.block().hash(), p.block());
          handle(new Input.ProposalReceived(p.proposal()));
        }
      }
      case VoteMsg v -> {
        if (!helpLaggard(from, v.height())) {
          handle(new Input.VoteReceived(v.vote()));
        }
      }
      case CatchUpMsg c -> {
        run.log("%s receives catch-up for h=%d at h=%d", this, c.height(), h);
        if (c.height() == h && !decidedCurrentHeight() && certificateOk(c)) {
          adopt(c);
        }
      }
    }
  }

  /**
   * Block sync's check of a commit certificate: precommits for the block at its (height, round),
   * correctly signed by distinct validators holding more than 2/3 of the power, for a valid block.
   */
  private boolean certificateOk(CatchUpMsg c) {
    SyntheticBlock block = c.block();
    if (block == null || !block.validAt(c.height())) {
      return false;
    }
    java.util.Set<PublicKey> signers = new java.util.HashSet<>();
    long power = 0;
    for (Vote v : c.precommits()) {
      boolean ok =
          v.type() == VoteType.PRECOMMIT
              && v.height() == c.height()
              && v.round() == c.round()
              && block.hash().equals(v.value())
              && run.validatorSet().contains(v.validator())
              && run.keys().verifier().verify(v)
              && signers.add(v.validator());
      if (ok) {
        power += run.validatorSet().get(v.validator()).orElseThrow().votingPower();
      }
    }
    return run.validatorSet().hasQuorum(power);
  }

  /** Takes a verified decision from a peer: records the block and starts the next height. */
  private void adopt(CatchUpMsg c) {
    blocks.put(c.block().hash(), c.block());
    chain.put(c.height(), new Decision(c.height(), c.round(), c.block().hash(), c.precommits()));
    run.finalized(this, c.height(), c.block().hash(), true);
    scheduleNextHeight(c.height());
  }

  /**
   * A message from a height we have left (not merely decided: late votes of the height just decided
   * are normal): its sender lags, so send it that height's decision.
   */
  private boolean helpLaggard(int from, long messageHeight) {
    if (messageHeight >= height()) {
      return false;
    }
    sendCatchUp(from, messageHeight);
    return true;
  }

  private void sendCatchUp(int to, long height) {
    Decision d = chain.get(height);
    if (d == null) {
      return;
    }
    long key = height * 65_536 + to;
    Long last = catchUpSentNanos.get(key);
    long now = run.scheduler().nowNanos();
    if (last != null && now - last < RESEND_NANOS) {
      return;
    }
    catchUpSentNanos.put(key, now);
    run.log("%s sends catch-up for h=%d to node%d", this, height, to);
    send(to, new CatchUpMsg(d.height(), d.round(), blocks.get(d.value()), d.precommits()));
  }

  private void askForCatchUp(int peer, long ourHeight) {
    Long last = statusSentNanos.get(peer);
    long now = run.scheduler().nowNanos();
    if (last != null && now - last < RESEND_NANOS) {
      return;
    }
    statusSentNanos.put(peer, now);
    send(peer, new StatusMsg(ourHeight));
  }

  // ---- gossip ----------------------------------------------------------------------------------

  /**
   * Consensus needs every message to arrive eventually; a real node's gossip re-sends what peers
   * lack. Here: when a node has not moved (same height, round and step) for a gossip interval, it
   * sends its own messages of the current round again, backing off (1 s, 2 s, 4 s, 8 s) while it
   * stays stuck.
   */
  private void scheduleGossip(int life) {
    long interval = gossipDelayMillis;
    run.scheduler()
        .scheduleAfterMillis(
            interval / 2 + random.nextLong(interval),
            () -> {
              if (!up || life != incarnation || engine == null) {
                return;
              }
              ConsensusState st = engine.state();
              String position = st.height() + "/" + st.round() + "/" + st.step();
              if (position.equals(lastGossipPosition) && st.step() != Step.COMMIT) {
                resendOwn(st.height(), st.round());
                gossipDelayMillis = Math.min(gossipDelayMillis * 2, 8 * run.gossipIntervalMillis());
              } else {
                gossipDelayMillis = run.gossipIntervalMillis();
              }
              lastGossipPosition = position;
              scheduleGossip(life);
            });
  }

  private void resendOwn(long height, int round) {
    if (ownHeight != height) {
      return;
    }
    for (SimMessage m : List.copyOf(ownThisHeight)) {
      int r =
          switch (m) {
            case ProposalMsg p -> p.proposal().round();
            case VoteMsg v -> v.vote().round();
            default -> -1;
          };
      if (r == round) {
        run.log("%s re-sends %s", this, m);
        run.metrics().resent();
        broadcast(m);
      }
    }
  }

  private void rememberOwn(long height, SimMessage message) {
    if (ownHeight != height) {
      ownThisHeight.clear();
      ownHeight = height;
    }
    ownThisHeight.add(message);
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
    rememberOwn(proposal.height(), message);
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
    rememberOwn(vote.height(), message);
    behaviour.sendVote(this, message);
  }

  private void decided(Effect.Decide d) {
    if (!chain.containsKey(d.height())) {
      List<Vote> precommits =
          d.certificate().signatures().stream().map((CommitSignature s) -> toVote(d, s)).toList();
      chain.put(d.height(), new Decision(d.height(), d.round(), d.value(), precommits));
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
