package org.timecoin.node.consensus;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.p2p.PeerNetwork;

/**
 * Checks every proposal and vote a peer sends before consensus sees it or it is relayed: well
 * formed, signed by a validator (by the height's proposer for a proposal, with the block it names)
 * and a valid signature. The peer that sent a refused message is penalised through {@link
 * PeerNetwork#penalize}: honest peers only relay messages that passed this gate, so a bad one is
 * its sender's fault. The signature is checked here, once, on the validation pool; consensus is
 * then built with {@link MessageVerifier#PREVERIFIED}.
 */
public final class ConsensusMessageGate {
  private static final Logger log = LoggerFactory.getLogger(ConsensusMessageGate.class);

  /** Penalty points per refused message; the p2p default bans at 100. */
  public static final int FORGED_POINTS = 100;

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
  private final Accepted accepted;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public ConsensusMessageGate(
      LongFunction<ValidatorSet> validators,
      MessageVerifier verifier,
      PeerNetwork network,
      Executor pool,
      Accepted accepted) {
    this.validators = validators;
    this.verifier = verifier;
    this.network = network;
    this.pool = pool;
    this.accepted = accepted;
  }

  /** A proposal from a peer (any thread; the check runs on the pool). */
  public void onProposal(PublicKey from, ProposalMessage m) {
    check(
        from,
        () -> {
          RejectReason r = refusal(m);
          if (r == null) {
            accepted.proposal(from, m);
          }
          return r;
        },
        m.proposal());
  }

  /** A vote from a peer (any thread; the check runs on the pool). */
  public void onVote(PublicKey from, Vote v) {
    check(
        from,
        () -> {
          RejectReason r = refusal(v);
          if (r == null) {
            accepted.vote(from, v);
          }
          return r;
        },
        v);
  }

  /** Messages refused and penalised so far. */
  public long refusedCount() {
    return refused.get();
  }

  /** Messages dropped because too many checks were waiting. */
  public long droppedCount() {
    return dropped.get();
  }

  private interface Check {
    RejectReason run();
  }

  private void check(PublicKey from, Check check, Object message) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    try {
      pool.execute(
          () -> {
            try {
              RejectReason r;
              try {
                r = check.run();
              } catch (RuntimeException e) {
                r = RejectReason.MALFORMED;
              }
              if (r != null) {
                refused.incrementAndGet();
                log.info("peer {} sent a refused message ({}): {}", from, r, message);
                network.penalize(from, FORGED_POINTS, "consensus message refused: " + r);
              }
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet(); // shutting down
    }
  }

  RejectReason refusal(ProposalMessage m) {
    Proposal p = m.proposal();
    Block block = m.block();
    if (p.height() < 1
        || p.round() < 0
        || p.value() == null
        || block == null
        || block.height() != p.height()
        || !block.hash().equals(p.value())) {
      return RejectReason.MALFORMED;
    }
    if (p.validRound() < -1 || p.validRound() >= p.round()) {
      return RejectReason.INVALID_VALID_ROUND;
    }
    ValidatorSet set = validators.apply(p.height());
    if (!set.contains(p.proposer())) {
      return RejectReason.NOT_A_VALIDATOR;
    }
    if (!ProposerSelector.proposer(set, p.height(), p.round()).equals(p.proposer())) {
      return RejectReason.WRONG_PROPOSER;
    }
    return verifier.verify(p) ? null : RejectReason.BAD_SIGNATURE;
  }

  RejectReason refusal(Vote v) {
    if (v.height() < 1 || v.round() < 0) {
      return RejectReason.MALFORMED;
    }
    if (!validators.apply(v.height()).contains(v.validator())) {
      return RejectReason.NOT_A_VALIDATOR;
    }
    return verifier.verify(v) ? null : RejectReason.BAD_SIGNATURE;
  }
}
