package org.timecoin.consensus;

import java.util.Map;
import java.util.Optional;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteType;

/**
 * The "upon" rules of Algorithm 1 and the StartRound function. {@link #fire} evaluates the rules
 * against the whole message log after every input until none applies, so a rule fires whatever
 * order its messages arrived in (a late proposal after its polka, a validity result after its
 * votes, and so on).
 */
final class Rules {
  private Rules() {}

  /** Lines 11-21. */
  static void startRound(Draft d, int r) {
    d.round = r; // line 12
    d.step = Step.PROPOSE; // line 13
    d.flags = RoundFlags.FRESH;
    if (d.isProposer(r)) { // line 14
      if (d.validValue != null) { // line 15
        propose(d, d.validValue, d.validRound); // lines 16, 19
      } else {
        d.emit(new Effect.RequestValue(d.height, r)); // line 18, answered by ValueToPropose
      }
    }
    // Line 21 is for non-proposers; the proposer schedules it too, so a block producer that never
    // answers RequestValue cannot hold the round (on expiry it prevotes nil, lines 57-60).
    schedule(d, TimeoutKind.PROPOSE);
  }

  /** "schedule OnTimeoutX(h_p, round_p) to be executed after timeoutX(round_p)". */
  private static void schedule(Draft d, TimeoutKind kind) {
    d.emit(new Effect.ScheduleTimeout(kind, d.height, d.round, d.params.timeout(kind, d.round)));
  }

  /** Line 19: broadcast ⟨PROPOSAL, h_p, round_p, value, validRound⟩ (signed by the engine). */
  static void propose(Draft d, Hash32 value, int validRound) {
    d.flags = d.flags.withProposed();
    d.emit(new Effect.SignProposal(d.height, d.round, value, validRound));
  }

  /** broadcast ⟨type, h_p, round_p, value⟩; a node outside the validator set stays silent. */
  static void vote(Draft d, VoteType type, Hash32 value) {
    if (d.isValidator()) {
      d.emit(new Effect.SignVote(type, d.height, d.round, value));
    }
  }

  /**
   * Fires rules until none applies. Each firing changes a step, a flag or the round, so it ends.
   */
  static void fire(Draft d) {
    while (d.step != Step.NEW_HEIGHT && d.step != Step.COMMIT) {
      if (!fireOne(d)) {
        return;
      }
    }
  }

  private static boolean fireOne(Draft d) {
    // Step-changing rules before the timeout rules: a polka that moves us straight to precommit
    // leaves no prevote timeout behind (line 34 only holds while step_p = prevote).
    return decide(d)
        || skipRound(d)
        || nextRoundOnPrecommitNilQuorum(d)
        || prevoteOnProposal(d)
        || lockOnPolka(d)
        || precommitNilOnPolkaNil(d)
        || schedulePrevoteTimeout(d)
        || schedulePrecommitTimeout(d);
  }

  /** Lines 49-54 (52-54 wait for the runtime's StartHeight of the next height). */
  private static boolean decide(Draft d) {
    for (Map.Entry<Integer, Hash32> q : d.votes.precommitQuorums().entrySet()) {
      int r = q.getKey();
      Hash32 v = q.getValue();
      if (!hasProposal(d, r, v)) {
        continue;
      }
      Boolean valid = d.validity(v);
      if (valid == null) {
        d.requestValidation(r, v);
        continue;
      }
      if (valid) { // line 50
        d.decision = v; // line 51
        d.decisionRound = r;
        d.step = Step.COMMIT;
        d.emit(new Effect.Decide(d.height, r, v, d.votes.certificate(r, v)));
        return true;
      }
    }
    return false;
  }

  /** Lines 55-56: f+1 validators are in a higher round, so at least one honest one is. */
  private static boolean skipRound(Draft d) {
    int target = d.votes.highestSkipRoundAbove(d.round);
    if (target < 0) {
      return false;
    }
    d.emit(new Effect.RoundChanged(d.height, d.round, target, RoundChangeCause.ROUND_SKIP));
    startRound(d, target);
    return true;
  }

  /**
   * Not in the paper: more than 2/3 of the power precommitted nil in our round, so no value can
   * reach a precommit quorum in it while at most f is Byzantine (2f+1 nil and 2f+1 for v overlap in
   * f+1 validators). Waiting for timeoutPrecommit (lines 47, 65-67) would only delay the next
   * proposer; we start the next round at once. Safety rests on the locks, which a round change
   * never touches.
   */
  private static boolean nextRoundOnPrecommitNilQuorum(Draft d) {
    if (!d.votes.hasQuorumFor(d.round, VoteType.PRECOMMIT, null)) {
      return false;
    }
    int next = d.round + 1;
    d.emit(new Effect.RoundChanged(d.height, d.round, next, RoundChangeCause.PRECOMMIT_NIL_QUORUM));
    startRound(d, next);
    return true;
  }

  /** Lines 22-27 (validRound -1) and 28-33 (validRound vr with a polka in vr). */
  private static boolean prevoteOnProposal(Draft d) {
    if (d.step != Step.PROPOSE || d.proposals(d.round).isEmpty()) {
      return false;
    }
    Proposal p = d.proposals(d.round).get(0);
    Hash32 v = p.value();
    Boolean valid = d.validity(v);
    if (valid == null) {
      return false; // wait for BlockValidated (or the propose timeout)
    }
    int vr = p.validRound();
    boolean acceptable;
    if (vr == -1) { // line 22
      acceptable = valid && (d.lockedRound == -1 || v.equals(d.lockedValue)); // line 23
    } else { // line 28: vr >= 0 && vr < round_p holds for every kept proposal
      if (!d.votes.hasQuorumFor(vr, VoteType.PREVOTE, v)) {
        return false;
      }
      acceptable = valid && (d.lockedRound <= vr || v.equals(d.lockedValue)); // line 29
    }
    vote(d, VoteType.PREVOTE, acceptable ? v : null); // lines 24/26, 30/32
    d.step = Step.PREVOTE; // lines 27, 33
    return true;
  }

  /** Lines 34-35. */
  private static boolean schedulePrevoteTimeout(Draft d) {
    if (d.step != Step.PREVOTE
        || d.flags.prevoteTimeoutScheduled()
        || !d.votes.hasQuorumAny(d.round, VoteType.PREVOTE)) {
      return false;
    }
    d.flags = d.flags.withPrevoteTimeoutScheduled();
    schedule(d, TimeoutKind.PREVOTE); // line 35
    return true;
  }

  /** Lines 36-43: lock and precommit on a polka for the proposed value; remember it as valid. */
  private static boolean lockOnPolka(Draft d) {
    if (!d.step.atLeast(Step.PREVOTE) || d.flags.polkaValueHandled()) {
      return false;
    }
    Optional<Hash32> polka = d.votes.quorumValue(d.round, VoteType.PREVOTE);
    if (polka.isEmpty()) {
      return false;
    }
    Hash32 v = polka.get();
    if (!hasProposal(d, d.round, v) || !Boolean.TRUE.equals(d.validity(v))) {
      return false;
    }
    d.flags = d.flags.withPolkaValueHandled();
    if (d.step == Step.PREVOTE) { // line 37
      d.lockedValue = v; // line 38
      d.lockedRound = d.round; // line 39
      vote(d, VoteType.PRECOMMIT, v); // line 40
      d.step = Step.PRECOMMIT; // line 41
    }
    d.validValue = v; // line 42
    d.validRound = d.round; // line 43
    return true;
  }

  /** Lines 44-46. */
  private static boolean precommitNilOnPolkaNil(Draft d) {
    if (d.step != Step.PREVOTE || !d.votes.hasQuorumFor(d.round, VoteType.PREVOTE, null)) {
      return false;
    }
    vote(d, VoteType.PRECOMMIT, null); // line 45
    d.step = Step.PRECOMMIT; // line 46
    return true;
  }

  /** Lines 47-48. */
  private static boolean schedulePrecommitTimeout(Draft d) {
    if (d.flags.precommitTimeoutScheduled() || !d.votes.hasQuorumAny(d.round, VoteType.PRECOMMIT)) {
      return false;
    }
    d.flags = d.flags.withPrecommitTimeoutScheduled();
    schedule(d, TimeoutKind.PRECOMMIT); // line 48
    return true;
  }

  private static boolean hasProposal(Draft d, int r, Hash32 v) {
    for (Proposal p : d.proposals(r)) {
      if (p.value().equals(v)) {
        return true;
      }
    }
    return false;
  }
}
