package org.timecoin.consensus;

import java.util.List;
import java.util.Objects;
import org.timecoin.consensus.Input.BlockValidated;
import org.timecoin.consensus.Input.ProposalReceived;
import org.timecoin.consensus.Input.StartHeight;
import org.timecoin.consensus.Input.TimeoutElapsed;
import org.timecoin.consensus.Input.ValueToPropose;
import org.timecoin.consensus.Input.VoteReceived;
import org.timecoin.domain.block.VoteType;

/**
 * Algorithm 1 of Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus" (arXiv:1807.04938)
 * as a pure function: {@code apply(state, input) -> (state', effects)}. No threads, clocks, I/O or
 * randomness; the same inputs in the same order always give the same results.
 *
 * <p>This class takes each input into the message log (or acts on it: timeouts, validity results,
 * the value to propose); {@link Rules} then fires every "upon" rule that became true. Message
 * handling, as documented for the runtime:
 *
 * <ul>
 *   <li>Messages of older heights, and of the current height after it is decided, are ignored.
 *   <li>Messages of height h_p + 1 are buffered (up to {@value ConsensusState#MAX_BUFFERED}, and a
 *       bounded share per signer: {@link NextHeightBuffer}) and replayed when that height starts;
 *       messages of later heights are ignored (block sync catches the node up instead).
 *   <li>Messages more than {@link ConsensusParams#maxRoundsAhead()} rounds ahead are ignored, which
 *       bounds the memory a Byzantine validator can make us use.
 *   <li>Signatures are not checked here: {@link ConsensusEngine} checks them first. Membership,
 *       proposer and round sanity are checked here and refused with {@link Effect.Rejected}.
 * </ul>
 */
public final class ConsensusCore {
  private ConsensusCore() {}

  /** Applies one input. Never throws for any input content; never changes {@code state}. */
  public static Transition apply(ConsensusState state, Input input) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(input, "input");
    Draft d = new Draft(state);
    take(d, input);
    Rules.fire(d);
    return new Transition(d.build(), d.effects);
  }

  private static void take(Draft d, Input input) {
    switch (input) {
      case StartHeight sh -> startHeight(d, sh);
      case ProposalReceived pr -> proposal(d, pr);
      case VoteReceived vr -> vote(d, vr);
      case TimeoutElapsed t -> timeout(d, t);
      case BlockValidated b -> {
        if (b.height() == d.height && d.step != Step.NEW_HEIGHT) {
          d.setValidity(b.value(), b.valid());
        }
      }
      case ValueToPropose v -> valueToPropose(d, v);
    }
  }

  /**
   * False when {@link #apply} would neither change {@code state} nor emit anything for {@code
   * input}: a proposal or vote of an older or a later height, of the current height once decided or
   * too many rounds ahead, one already held, or one of the next height that the buffer refuses. The
   * engine drops these before the WAL, so that replayed or far-away messages cost no disk.
   */
  public static boolean changes(ConsensusState state, Input input) {
    return switch (input) {
      case ProposalReceived pr -> {
        Proposal p = pr.proposal();
        if (!inWindow(state, p.height(), p.round(), input)) {
          yield false;
        }
        if (p.height() != state.height || p.round() < 0) {
          yield true;
        }
        yield state.proposals(p.round()).stream()
            .noneMatch(k -> k.value().equals(p.value()) && k.validRound() == p.validRound());
      }
      case VoteReceived vr -> {
        Vote v = vr.vote();
        yield inWindow(state, v.height(), v.round(), input)
            && (v.height() != state.height || v.round() < 0 || !state.votes.holds(v));
      }
      default -> true;
    };
  }

  /** The checks of {@link #admit} and {@link #tooFarAhead}, on a state. */
  private static boolean inWindow(ConsensusState s, long height, int round, Input in) {
    if (s.step == Step.NEW_HEIGHT) {
      return false;
    }
    if (height == s.height + 1) {
      return NextHeightBuffer.admits(s.nextHeight, in, s.params);
    }
    if (height != s.height || s.step == Step.COMMIT) {
      return false;
    }
    return round < 0 || (long) round - s.round <= s.params.maxRoundsAhead();
  }

  /** Line 10 and lines 52-54: a fresh height with empty logs, then StartRound(0). */
  private static void startHeight(Draft d, StartHeight sh) {
    boolean first = d.step == Step.NEW_HEIGHT;
    if (!first && sh.height() <= d.height) {
      return; // already running or past this height
    }
    List<Input> buffered = d.drainNextHeight();
    if (first || sh.height() != d.height + 1) {
      buffered = List.of(); // only messages for exactly the next height are worth replaying
    }
    d.height = sh.height();
    d.validators = sh.validators();
    d.proposers = new ProposerSelector(d.validators, d.height);
    d.votes = new VoteKeeper(d.height, d.validators);
    d.lockedValue = null; // line 53
    d.lockedRound = -1;
    d.validValue = null;
    d.validRound = -1;
    d.decision = null;
    d.decisionRound = -1;
    d.resetHeightLogs();
    Rules.startRound(d, 0); // line 54
    for (Input in : buffered) {
      take(d, in);
    }
  }

  /** Where a message of {@code height} goes: true means "process it now". */
  private static boolean admit(Draft d, long height, Input in) {
    if (d.step == Step.NEW_HEIGHT) {
      return false;
    }
    if (height == d.height + 1) {
      d.buffer(in);
      return false;
    }
    return height == d.height && d.step != Step.COMMIT;
  }

  private static void proposal(Draft d, ProposalReceived in) {
    Proposal p = in.proposal();
    if (!admit(d, p.height(), in)) {
      return;
    }
    if (p.round() < 0) {
      d.emit(new Effect.Rejected(in, RejectReason.MALFORMED));
      return;
    }
    if (tooFarAhead(d, p.round())) {
      return;
    }
    if (p.validRound() < -1 || p.validRound() >= p.round()) {
      d.emit(new Effect.Rejected(in, RejectReason.INVALID_VALID_ROUND));
      return;
    }
    if (!d.validators.contains(p.proposer())) {
      d.emit(new Effect.Rejected(in, RejectReason.NOT_A_VALIDATOR));
      return;
    }
    if (!d.proposers.proposer(p.round()).equals(p.proposer())) {
      d.emit(new Effect.Rejected(in, RejectReason.WRONG_PROPOSER));
      return;
    }
    List<Proposal> kept = d.proposals(p.round());
    for (Proposal k : kept) {
      if (k.value().equals(p.value()) && k.validRound() == p.validRound()) {
        return; // duplicate
      }
    }
    if (kept.size() >= ConsensusState.MAX_PROPOSALS_PER_ROUND) {
      return;
    }
    d.addProposal(p);
    d.requestValidation(p.round(), p.value());
  }

  private static void vote(Draft d, VoteReceived in) {
    Vote v = in.vote();
    if (!admit(d, v.height(), in)) {
      return;
    }
    if (v.round() < 0) {
      d.emit(new Effect.Rejected(in, RejectReason.MALFORMED));
      return;
    }
    if (tooFarAhead(d, v.round())) {
      return;
    }
    VoteKeeper.AddResult r = d.votes.add(v);
    switch (r.outcome()) {
      case NOT_A_VALIDATOR -> d.emit(new Effect.Rejected(in, RejectReason.NOT_A_VALIDATOR));
      case ADDED, DUPLICATE, EQUIVOCATION -> d.votes = r.keeper();
    }
    r.evidence().ifPresent(e -> d.emit(new Effect.EvidenceFound(e)));
  }

  private static boolean tooFarAhead(Draft d, int round) {
    return (long) round - d.round > d.params.maxRoundsAhead();
  }

  /** Lines 57-67. */
  private static void timeout(Draft d, TimeoutElapsed t) {
    if (t.height() != d.height || t.round() != d.round) {
      return;
    }
    switch (t.kind()) {
      case PROPOSE -> {
        if (d.step == Step.PROPOSE) { // line 58
          Rules.vote(d, VoteType.PREVOTE, null); // line 59
          d.step = Step.PREVOTE; // line 60
        }
      }
      case PREVOTE -> {
        if (d.step == Step.PREVOTE) { // line 62
          Rules.vote(d, VoteType.PRECOMMIT, null); // line 63
          d.step = Step.PRECOMMIT; // line 64
        }
      }
      case PRECOMMIT -> {
        if (d.step.atLeast(Step.PROPOSE) && d.step != Step.COMMIT) { // line 66
          d.emit(
              new Effect.RoundChanged(
                  d.height, d.round, d.round + 1, RoundChangeCause.PRECOMMIT_TIMEOUT));
          Rules.startRound(d, d.round + 1); // line 67
        }
      }
    }
  }

  /** Line 18 answered: propose the value from the block producer (line 19). */
  private static void valueToPropose(Draft d, ValueToPropose v) {
    if (v.height() != d.height
        || v.round() != d.round
        || d.step != Step.PROPOSE
        || d.flags.proposed()
        || !d.isProposer(d.round)) {
      return;
    }
    d.setValidity(v.value(), true);
    Rules.propose(d, v.value(), -1);
  }
}
