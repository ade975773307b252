package org.timecoin.node.consensus;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LateCommits;
import org.timecoin.node.consensus.KnownConsensusMessages.Kind;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimitedLog;

/**
 * Checks every proposal and vote a peer sends before consensus sees it or it is relayed, cheapest
 * check first, so that nothing a peer names costs us more than a few comparisons until it is inside
 * our window:
 *
 * <ol>
 *   <li>structure and size: height ≥ 1, round ≥ 0, validRound in [-1, round), the block present, of
 *       the proposal's height, at most the genesis {@code max_block_bytes}, and the one proposed;
 *   <li>height window: our consensus height h or h + 1 (the next height is buffered by consensus);
 *   <li>round window: at most {@value #ROUND_WINDOW} rounds beyond our round (beyond round 0 for h
 *       + 1);
 *   <li>already known: the same signed message accepted before is dropped after one hash lookup;
 *   <li>sender standing: messages queued from a peer that is no longer connected are dropped;
 *   <li>validator membership in the set of the message's height ({@code set(epochOf(height))}, so a
 *       set change at an epoch boundary is a change between heights) and, for a proposal,
 *       proposer(h, round) from a selector cached per height (bounded by the round window);
 *   <li>the signature, on the validation pool, once: consensus is then built with {@link
 *       MessageVerifier#PREVERIFIED}.
 * </ol>
 *
 * <p>Penalties: a message outside the window is dropped without penalty when an honest peer may
 * send it — any older height (a lagging peer re-sends its current height), a height or round a
 * little ahead of ours (we lag). It costs its sender {@value #FORGED_POINTS} points when no honest
 * node can be there: a height more than {@value #ABSURD_HEIGHTS} beyond both ours and the height
 * the sender itself claims, or a round more than {@value #ABSURD_ROUNDS} beyond ours. Failing check
 * 1, 6 or 7 penalises too (see {@link GateVerdict#penalises()}): honest peers relay only messages
 * that passed their own gate, so a bad one is its sender's fault.
 */
public final class ConsensusMessageGate {
  private static final Logger log = LoggerFactory.getLogger(ConsensusMessageGate.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  /** Penalty points per refused message; the p2p default bans at 100. */
  public static final int FORGED_POINTS = 100;

  /**
   * Rounds beyond ours still accepted. A round that ends without a decision waits for at least one
   * timeout (1 s by default, longer each round), so a peer this far ahead has left us behind for
   * over half a minute; block sync, or the f+1 round skip (Algorithm 1, line 55) on a nearer round,
   * brings us back. It also bounds the proposer lookups one message can cause.
   */
  public static final int ROUND_WINDOW = 32;

  /**
   * Rounds beyond ours that no honest validator reaches: rounds without a decision end on timeouts
   * that grow to {@code max_round_timeout} (30 s), so this many of them is days at one height.
   */
  public static final int ABSURD_ROUNDS = 10_000;

  /**
   * Heights beyond both ours and the sender's own claimed height that no honest peer names: the
   * height a peer reports may be stale by a keep-alive interval, a few dozen blocks.
   */
  public static final int ABSURD_HEIGHTS = 1_000;

  /** Checks queued on the pool at most; beyond it messages are dropped (gossip re-sends them). */
  static final int MAX_PENDING = 20_000;

  /** Where accepted messages go: consensus, and the relay to peers that need them. */
  public interface Accepted {
    void proposal(PublicKey from, ProposalMessage message);

    void vote(PublicKey from, Vote vote);
  }

  private final LongFunction<ValidatorSet> validators;
  private final MessageVerifier verifier;
  private final PeerNetwork network;
  private final Executor pool;
  private final ConsensusPosition position;
  private final long maxBlockBytes;
  private final Accepted accepted;
  private final LateCommits late;
  private final KnownConsensusMessages known = new KnownConsensusMessages();
  private final HeightProposers proposers = new HeightProposers();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong signatureChecks = new AtomicLong();
  private final AtomicLongArray verdicts = new AtomicLongArray(GateVerdict.values().length);

  public ConsensusMessageGate(
      LongFunction<ValidatorSet> validators,
      MessageVerifier verifier,
      PeerNetwork network,
      Executor pool,
      ConsensusPosition position,
      long maxBlockBytes,
      Accepted accepted,
      LateCommits late) {
    this.validators = validators;
    this.verifier = verifier;
    this.network = network;
    this.pool = pool;
    this.position = position;
    this.maxBlockBytes = maxBlockBytes;
    this.accepted = accepted;
    this.late = late;
  }

  /** A proposal from a peer: cheap checks here, the signature on the pool. */
  public void onProposal(PublicKey from, ProposalMessage m) {
    if (refused(from, m, () -> proposalRefusal(from, m))) {
      return;
    }
    verifyThen(from, m, () -> verifier.verify(m.proposal()), () -> accept(from, m));
  }

  /**
   * The proposal of a compact proposal, before its block is rebuilt: the cheap checks its header
   * allows (all but the block size) here, the signature on the pool, then {@code rebuild} on the
   * pool. Nothing is recorded as known yet: the rebuilt block comes back through {@link
   * #onRebuilt}.
   */
  public void onCompactProposal(PublicKey from, Proposal p, BlockHeader header, Runnable rebuild) {
    if (refused(from, p, () -> proposalRefusal(from, p, header.height(), header.hash(), 0))) {
      return;
    }
    verifyThen(from, p, () -> verifier.verify(p), rebuild);
  }

  /**
   * A proposal rebuilt from a compact one that {@link #onCompactProposal} let through (so its
   * signature verified): checked again with its block, then accepted without a second signature
   * check.
   */
  void onRebuilt(PublicKey from, ProposalMessage m) {
    if (!refused(from, m, () -> proposalRefusal(from, m))) {
      accept(from, m);
    }
  }

  private void accept(PublicKey from, ProposalMessage m) {
    Proposal p = m.proposal();
    known.remember(p.height(), p.round(), Kind.PROPOSAL, p.proposer(), p);
    accepted.proposal(from, m);
  }

  /**
   * Runs the cheap checks of {@code message} (a check that throws means it is malformed) and
   * settles a refusal; true when refused.
   */
  private boolean refused(PublicKey from, Object message, Supplier<GateVerdict> checks) {
    GateVerdict v;
    try {
      v = checks.get();
    } catch (RuntimeException e) {
      v = GateVerdict.MALFORMED;
    }
    if (v != null) {
      settle(from, v, message);
    }
    return v != null;
  }

  /** A vote from a peer: cheap checks here, the signature on the pool. */
  public void onVote(PublicKey from, Vote vote) {
    if (late.wants(vote)) {
      onLatePrecommit(from, vote);
      return;
    }
    if (refused(from, vote, () -> voteRefusal(from, vote))) {
      return;
    }
    verifyThen(
        from,
        vote,
        () -> verifier.verify(vote),
        () -> {
          known.remember(vote.height(), vote.round(), kind(vote), vote.validator(), vote);
          accepted.vote(from, vote);
        });
  }

  /**
   * A precommit for the stored tip that came after its certificate: kept for the next block's
   * lastCommit once its signature verifies, not given to consensus (that height is decided).
   */
  private void onLatePrecommit(PublicKey from, Vote vote) {
    if (network.peer(from).isEmpty()) {
      settle(from, GateVerdict.SENDER_GONE, vote);
      return;
    }
    ValidatorSet set = validators.apply(vote.height());
    if (set == null || !set.contains(vote.validator())) {
      settle(from, GateVerdict.NOT_A_VALIDATOR, vote);
      return;
    }
    verifyThen(from, vote, () -> verifier.verify(vote), () -> late.add(vote));
  }

  /** Messages that got {@code verdict} so far. */
  public long count(GateVerdict verdict) {
    return verdicts.get(verdict.ordinal());
  }

  /** Messages refused and penalised so far. */
  public long refusedCount() {
    long n = 0;
    for (GateVerdict v : GateVerdict.values()) {
      n += v.penalises() ? count(v) : 0;
    }
    return n;
  }

  /** Signatures checked so far: the costly work the cheap checks exist to avoid. */
  public long signatureChecks() {
    return signatureChecks.get();
  }

  /** Slots in the already-known record (bounded; for tests and metrics). */
  public int knownSlots() {
    return known.size();
  }

  /** The checks before the signature, for a proposal; null when it may be verified. */
  GateVerdict proposalRefusal(PublicKey from, ProposalMessage m) {
    Block block = m.block();
    if (block == null) {
      return GateVerdict.MALFORMED;
    }
    return proposalRefusal(from, m.proposal(), block.height(), block.hash(), block.encodedSize());
  }

  /** As above, from what a block's header says; {@code blockBytes} 0 when not known yet. */
  private GateVerdict proposalRefusal(
      PublicKey from, Proposal p, long blockHeight, Hash32 blockHash, long blockBytes) {
    if (p.height() < 1 || p.round() < 0 || blockHeight != p.height()) {
      return GateVerdict.MALFORMED;
    }
    if (p.validRound() < -1 || p.validRound() >= p.round()) {
      return GateVerdict.INVALID_VALID_ROUND;
    }
    if (blockBytes > maxBlockBytes) {
      return GateVerdict.OVERSIZE;
    }
    if (!blockHash.equals(p.value())) {
      return GateVerdict.MALFORMED;
    }
    GateVerdict w = window(from, p.height(), p.round());
    if (w != null) {
      return w;
    }
    GateVerdict k = seen(p.height(), p.round(), Kind.PROPOSAL, p.proposer(), p);
    if (k != null) {
      return k;
    }
    if (network.peer(from).isEmpty()) {
      return GateVerdict.SENDER_GONE;
    }
    ValidatorSet set = validators.apply(p.height());
    if (set == null) {
      return GateVerdict.FUTURE_HEIGHT; // its epoch's set is not fixed here yet: we lag
    }
    if (!set.contains(p.proposer())) {
      return GateVerdict.NOT_A_VALIDATOR;
    }
    if (!proposers.proposer(set, p.height(), p.round()).equals(p.proposer())) {
      return GateVerdict.WRONG_PROPOSER;
    }
    return null;
  }

  /** The checks before the signature, for a vote; null when it may be verified. */
  GateVerdict voteRefusal(PublicKey from, Vote v) {
    if (v.height() < 1 || v.round() < 0 || v.type() == null) {
      return GateVerdict.MALFORMED;
    }
    GateVerdict w = window(from, v.height(), v.round());
    if (w != null) {
      return w;
    }
    GateVerdict k = seen(v.height(), v.round(), kind(v), v.validator(), v);
    if (k != null) {
      return k;
    }
    if (network.peer(from).isEmpty()) {
      return GateVerdict.SENDER_GONE;
    }
    ValidatorSet set = validators.apply(v.height());
    if (set == null) {
      return GateVerdict.FUTURE_HEIGHT; // its epoch's set is not fixed here yet: we lag
    }
    if (!set.contains(v.validator())) {
      return GateVerdict.NOT_A_VALIDATOR;
    }
    return null;
  }

  /** Height window, then round window (see the class comment for which side penalises). */
  private GateVerdict window(PublicKey from, long height, int round) {
    long h = position.height();
    known.forgetBelow(h);
    proposers.forgetBelow(h);
    if (height < h) {
      return GateVerdict.OLD_HEIGHT;
    }
    if (height > h + 1) {
      long claimed = network.peer(from).map(PeerInfo::bestHeight).orElse(0L);
      return height - Math.max(h, claimed) > ABSURD_HEIGHTS
          ? GateVerdict.ABSURD_HEIGHT
          : GateVerdict.FUTURE_HEIGHT;
    }
    long ahead = (long) round - (height == h ? position.round() : 0);
    if (ahead > ROUND_WINDOW) {
      return ahead > ABSURD_ROUNDS ? GateVerdict.ABSURD_ROUND : GateVerdict.FUTURE_ROUND;
    }
    return null;
  }

  private GateVerdict seen(long height, int round, Kind kind, PublicKey signer, Object message) {
    return switch (known.seen(height, round, kind, signer, message)) {
      case NEW -> null;
      case KNOWN -> GateVerdict.ALREADY_KNOWN;
      case SLOT_FULL -> GateVerdict.SLOT_FULL;
    };
  }

  private static Kind kind(Vote v) {
    return v.type() == VoteType.PREVOTE ? Kind.PREVOTE : Kind.PRECOMMIT;
  }

  private void verifyThen(
      PublicKey from, Object message, BooleanSupplier signatureOk, Runnable onAccepted) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      settle(from, GateVerdict.BUSY, message);
      return;
    }
    try {
      pool.execute(
          () -> {
            try {
              GateVerdict v = verify(signatureOk);
              settle(from, v, message);
              if (v == GateVerdict.ACCEPTED) {
                onAccepted.run();
              }
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet(); // shutting down
    }
  }

  private GateVerdict verify(BooleanSupplier signatureOk) {
    signatureChecks.incrementAndGet();
    try {
      return signatureOk.getAsBoolean() ? GateVerdict.ACCEPTED : GateVerdict.BAD_SIGNATURE;
    } catch (RuntimeException e) {
      return GateVerdict.MALFORMED;
    }
  }

  private void settle(PublicKey from, GateVerdict verdict, Object message) {
    verdicts.incrementAndGet(verdict.ordinal());
    // A sender already gone (banned by an earlier message) is not charged again for its backlog.
    if (verdict.penalises() && network.peer(from).isPresent()) {
      peerLog.info("peer {} sent a refused message ({}): {}", from, verdict, message);
      network.penalize(from, FORGED_POINTS, "consensus message refused: " + verdict);
    }
  }
}
