package org.timecoin.testkit.sim;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.ConsensusState;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Signer;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.ConsensusLoop;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.testkit.sim.SimMessage.CatchUpMsg;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.StatusMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;

/**
 * One simulated node: the consensus loop the node ships ({@link ConsensusLoop}, the same effect
 * executor as {@code ConsensusRuntime}) over synthetic blocks, its owner and validation executors
 * on the run's virtual-time event queue, and its ports ({@link SimPorts}) on the simulated network.
 * What a real node keeps on disk — the WAL, the last-signed record, the decided chain and the
 * blocks it has seen — survives {@link #crash()}; everything else is rebuilt on {@link #restart()}
 * by replaying the WAL. Like a real node it gossips (re-sends its own messages while stuck, and the
 * proof of lock with a re-proposal) and syncs blocks: a node that lags adopts the decided heights
 * its peers send it, after checking their certificates against the validator set of each height,
 * and tells its loop it caught up.
 */
public final class SimNode {
  private final SimRun run;
  private final int endpoint;
  private final int validatorIndex;
  private final Behaviour behaviour;
  private final Signer signer;
  private final SplittableRandom random;
  private final boolean lateStart;
  // Durable: survives a crash.
  private final MemoryWal wal;
  private final MemorySignGuard guard = new MemorySignGuard();
  // Without registries under it, a composite registry's meters record nothing: nobody reads them.
  private final MeterRegistry meters = new CompositeMeterRegistry();
  private final TreeMap<Long, HeightDecision> chain = new TreeMap<>();
  private final Map<Hash32, SyntheticBlock> blocks = new HashMap<>();
  // Volatile: lost on a crash.
  private ConsensusLoop<SyntheticBlock> loop;
  private boolean up;
  private int incarnation;
  private final BlockSync sync = new BlockSync(this);
  private Runnable crashBeforeNextSend;
  private ConsensusSnapshot beforeCrash;
  private boolean wholeLogKept;
  private boolean started;
  private final OwnGossip own = new OwnGossip(this);
  private final List<Map.Entry<Integer, SimMessage>> beforeFirstStart = new ArrayList<>();

  SimNode(SimRun run, int endpoint, NodeSpec spec) {
    this.run = run;
    this.endpoint = endpoint;
    this.validatorIndex = spec.validator();
    this.behaviour = spec.behaviour();
    this.lateStart = spec.lateStart();
    this.signer = run.keys().signer(validatorIndex);
    this.random = run.seeds().stream("node-" + endpoint);
    this.wal = new MemoryWal(run.scheduler().clock(), run.config().walGroupCommitInterval());
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

  /** True for a node that starts only when the fault phase ends (and must catch up by sync). */
  public boolean lateStart() {
    return lateStart;
  }

  /** The height this node's consensus is working on (the stored tip before it started). */
  public long height() {
    return loop == null ? finalizedHeight() : loop.ownerState().height();
  }

  public int round() {
    return loop == null ? 0 : loop.ownerState().round();
  }

  public boolean decidedCurrentHeight() {
    return loop != null && loop.ownerState().step() == Step.COMMIT;
  }

  /** The highest height this node has finalized (0 if none). */
  public long finalizedHeight() {
    return chain.isEmpty() ? 0 : chain.lastKey();
  }

  /**
   * True while the node lives the life {@code life} (it has not crashed since) and runs consensus.
   */
  boolean alive(int life) {
    return up && life == incarnation && loop != null;
  }

  ConsensusState consensusState() {
    return loop.ownerState();
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
    loop = newLoop(life);
    own.start(life);
    long startHeight = finalizedHeight() + 1;
    loop.start(); // replays the WAL of startHeight, or starts it afresh
    if (!alive(life)) {
      return; // crashed while starting (a scenario hook)
    }
    checkReplay(startHeight);
    broadcast(new StatusMsg(height()));
    if (!started) {
      // Peers connected before we were ready: what they sent waited in the socket buffers.
      started = true;
      for (Map.Entry<Integer, SimMessage> e : beforeFirstStart) {
        receive(e.getKey(), e.getValue());
      }
      beforeFirstStart.clear();
    }
  }

  private ConsensusLoop<SyntheticBlock> newLoop(int life) {
    Executor onLoop =
        task ->
            run.scheduler()
                .scheduleAfterNanos(
                    0,
                    () -> {
                      if (alive(life)) {
                        task.run();
                      }
                    });
    ConsensusLoop<SyntheticBlock> built =
        ConsensusLoop.builder(SyntheticBlock.KIND, new SimPorts(this, life), wal)
            .config(run.config())
            .chainId(run.keys().chainId())
            .signer(signer)
            .signGuard(guard)
            .startHeight(finalizedHeight() + 1)
            .messageVerifier(run.keys().verifier())
            .clock(run.scheduler().clock())
            .scheduler(run.scheduler())
            .meterRegistry(meters)
            .ownerExecutor(onLoop)
            .validationPool(onLoop)
            .build();
    built.failure().thenAccept(cause -> run.halted(this, cause));
    return built;
  }

  /** Stops the node at once: timers die, messages in flight to it are lost, disk state stays. */
  public void crash() {
    if (!up) {
      return;
    }
    up = false;
    incarnation++;
    ConsensusLoop<SyntheticBlock> dying = loop;
    beforeCrash = dying == null ? null : ConsensusSnapshot.of(dying.ownerState());
    wholeLogKept = true;
    loop = null;
    if (dying != null) {
      dying.close(); // timers cancelled, the WAL closed; what is queued for it never runs
    }
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

  /**
   * A replayed WAL must give back the state the node had when it crashed (see the snapshot), unless
   * the height it was in is stored (then the loop starts the next one).
   */
  private void checkReplay(long startHeight) {
    if (beforeCrash != null && honest() && beforeCrash.height() == startHeight) {
      String lost = beforeCrash.lostIn(ConsensusSnapshot.of(loop.ownerState()), wholeLogKept);
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
    if (loop == null) {
      return;
    }
    long h = height();
    if (message.height() > h && !decidedCurrentHeight()) {
      sync.ask(from, h);
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
          if (honest()) {
            run.delivered(p.proposal());
          }
          blocks.put(p.block().hash(), p.block());
          loop.submitProposal(p.proposal(), p.block());
        }
      }
      case VoteMsg v -> {
        if (!helpLaggard(from, v.height())) {
          helpRoundLaggard(from, v.height(), v.vote().round());
          if (honest()) {
            run.delivered(v.vote());
          }
          loop.submitVote(v.vote());
        }
      }
      case CatchUpMsg c -> catchUp(c, h);
    }
  }

  /** Takes a decision from a peer once its certificate verifies against the set of its height. */
  private void catchUp(CatchUpMsg c, long h) {
    run.log("%s receives catch-up for h=%d at h=%d", this, c.height(), h);
    if (c.height() != h || decidedCurrentHeight() || chain.containsKey(c.height())) {
      return;
    }
    if (!BlockSync.verifies(c, run.validatorsAt(c.height()), run.keys().verifier())) {
      run.count(RunEvents.SYNC_REFUSED);
      return;
    }
    blocks.put(c.block().hash(), c.block());
    chain.put(
        c.height(), new HeightDecision(c.height(), c.round(), c.block().hash(), c.precommits()));
    if (honest()) {
      run.count(RunEvents.SYNCED_HEIGHTS);
    }
    run.finalized(this, c.height(), c.block().hash(), c.precommits(), true);
    loop.caughtUp(c.height());
  }

  /**
   * A message of our height but an earlier round: its sender lags a round, so send it what we
   * signed in that round.
   */
  private void helpRoundLaggard(int from, long messageHeight, int messageRound) {
    if (messageHeight == height() && messageRound < round()) {
      sync.offerRound(from, messageHeight, messageRound, own.of(messageHeight, messageRound));
    }
  }

  /**
   * A message from a height we have left (not merely decided: late votes of the height just decided
   * are normal): its sender lags, so send it that height's decision.
   */
  private boolean helpLaggard(int from, long messageHeight) {
    if (messageHeight >= height()) {
      return false;
    }
    sync.offer(from, messageHeight);
    return true;
  }

  // ---- what the loop's ports call
  // ----------------------------------------------------------------

  /** Sends our own signed proposal (called by the loop's gossip port). */
  void sendOwn(Proposal proposal, SyntheticBlock block) {
    run.log("%s sends %s", this, proposal);
    run.signed(this, proposal);
    if (crashBeforeSending()) {
      return;
    }
    ProposalMsg message =
        new ProposalMsg(proposal, block != null ? block : blocks.get(proposal.value()));
    own.add(proposal.height(), message);
    behaviour.sendProposal(this, message);
    if (proposal.validRound() >= 0 && loop != null) {
      // The proof of lock: the prevotes of validRound that let peers accept the re-proposal
      // (line 28) even if they missed them when they were first sent.
      for (Vote v :
          loop.ownerState()
              .votes()
              .votesFor(proposal.validRound(), VoteType.PREVOTE, proposal.value())) {
        broadcast(new VoteMsg(v));
      }
    }
  }

  /** Sends our own signed vote (called by the loop's gossip port). */
  void sendOwn(Vote vote) {
    run.log("%s sends %s", this, vote);
    run.signed(this, vote);
    if (crashBeforeSending()) {
      return;
    }
    VoteMsg message = new VoteMsg(vote);
    own.add(vote.height(), message);
    behaviour.sendVote(this, message);
  }

  /** Crashes now, if asked to, between logging a signed message and sending it. */
  private boolean crashBeforeSending() {
    if (crashBeforeNextSend == null || run.faultsOver()) {
      return false;
    }
    Runnable then = crashBeforeNextSend;
    run.crash(this);
    then.run();
    return true;
  }

  /** Our loop decided {@code block}: store it (the finalizer port). */
  void decided(SyntheticBlock block, CommitCertificate certificate) {
    long height = certificate.height();
    if (chain.containsKey(height)) {
      return;
    }
    List<Vote> precommits =
        certificate.signatures().stream().map(sig -> toVote(certificate, sig)).toList();
    chain.put(height, new HeightDecision(height, certificate.round(), block.hash(), precommits));
    run.finalized(this, height, block.hash(), precommits, false);
  }

  private static Vote toVote(CommitCertificate c, CommitSignature s) {
    return new Vote(
        VoteType.PRECOMMIT, c.height(), c.round(), c.blockHash(), s.validator(), s.signature());
  }

  @Override
  public String toString() {
    return "node" + endpoint + "(v" + validatorIndex + "," + behaviour.name() + ")";
  }
}
