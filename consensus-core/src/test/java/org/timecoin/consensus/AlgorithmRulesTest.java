package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Effect.Decide;
import org.timecoin.consensus.Effect.RequestValue;
import org.timecoin.consensus.Effect.RoundChanged;
import org.timecoin.consensus.Effect.ScheduleTimeout;
import org.timecoin.consensus.Effect.SignProposal;
import org.timecoin.consensus.Effect.SignVote;
import org.timecoin.consensus.Effect.ValidateBlock;
import org.timecoin.consensus.Input.BlockValidated;
import org.timecoin.consensus.Input.TimeoutElapsed;
import org.timecoin.consensus.Input.ValueToPropose;
import org.timecoin.domain.block.VoteType;

/**
 * Table-driven tests of Algorithm 1 (arXiv:1807.04938): each row gives the inputs before, one
 * input, the exact effects of that input, and the state after. Four validators of power 1 at height
 * 1: a quorum is 3, f+1 is 2. Unless a row says otherwise, this node ("S") proposes in none of
 * rounds 0-2, and the three others (O[0..2]) send the votes.
 */
class AlgorithmRulesTest {
  static final Fixture F = Fixture.equal(4);
  static final long H = 1;
  static final Hash32 A = Fixture.value("A");
  static final Hash32 B = Fixture.value("B");
  static final int P0 = F.proposer(H, 0);
  static final int P1 = F.proposer(H, 1);
  static final int P2 = F.proposer(H, 2);
  static final int S = firstNotIn(P0, P1, P2);
  static final int[] O = othersThan(S);

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(RuleRow row) {
    Script s = Script.of(F, row.self()).feed(row.given()).feed(row.when());
    assertThat(s.last()).as(row.rule()).containsExactlyElementsOf(row.expect());
    row.then().accept(s.state());
  }

  static Stream<RuleRow> rows() {
    List<RuleRow.Builder> rows = new ArrayList<>();
    startAndPropose(rows);
    prevoteOnProposal(rows);
    polkaRules(rows);
    precommitAndDecide(rows);
    timeoutsAndSkip(rows);
    return rows.stream().map(RuleRow.Builder::build);
  }

  // ---- lines 11-21 -------------------------------------------------------------------------

  static void startAndPropose(List<RuleRow.Builder> rows) {
    rows.add(
        row("11-21 a non-proposer schedules timeoutPropose(0) = 1 s")
            .when(F.start(H))
            .expect(timeout(TimeoutKind.PROPOSE, 0, 1000))
            .then(st -> assertStep(st, 0, Step.PROPOSE)));
    rows.add(
        row("14,18 the proposer asks the block producer for a value (and guards with a timeout)")
            .self(P0)
            .when(F.start(H))
            .expect(new RequestValue(H, 0), timeout(TimeoutKind.PROPOSE, 0, 1000)));
    rows.add(
        row("18-19 the proposer proposes the produced value with validRound -1")
            .self(P0)
            .given(F.start(H))
            .when(new ValueToPropose(H, 0, A))
            .expect(new SignProposal(H, 0, A, -1)));
    rows.add(
        row("18 a value for another round is ignored")
            .self(P0)
            .given(F.start(H))
            .when(new ValueToPropose(H, 1, A))
            .expect());
    rows.add(
        row("15-16,19 a proposer with a validValue re-proposes it with its validRound")
            .self(P1)
            .given(polkaForAInRound0(P1))
            .when(new TimeoutElapsed(TimeoutKind.PRECOMMIT, H, 0))
            .expect(
                new RoundChanged(H, 0, 1, RoundChangeCause.PRECOMMIT_TIMEOUT),
                new SignProposal(H, 1, A, 0),
                timeout(TimeoutKind.PROPOSE, 1, 1500)));
  }

  // ---- lines 22-33 -------------------------------------------------------------------------

  static void prevoteOnProposal(List<RuleRow.Builder> rows) {
    rows.add(
        row("22 a proposal asks for valid(v) once")
            .given(F.start(H))
            .when(F.proposalIn(H, 0, A, -1))
            .expect(new ValidateBlock(H, 0, A)));
    rows.add(
        row("22-24,27 prevote a valid fresh proposal")
            .given(F.start(H), F.proposalIn(H, 0, A, -1))
            .when(valid(A))
            .expect(prevote(0, A))
            .then(st -> assertStep(st, 0, Step.PREVOTE)));
    rows.add(
        row("22-23,25-26 prevote nil for an invalid proposal")
            .given(F.start(H), F.proposalIn(H, 0, A, -1))
            .when(new BlockValidated(H, A, false))
            .expect(prevote(0, null))
            .then(st -> assertStep(st, 0, Step.PREVOTE)));
    rows.add(
        row("22-23,25-26 locked on A: prevote nil for a fresh B")
            .given(
                concat(
                    lockedOnAInRound0(), List.of(precommitTimeout(0), F.proposalIn(H, 1, B, -1))))
            .when(valid(B))
            .expect(prevote(1, null)));
    rows.add(
        row("22-24 locked on A: prevote A when A is proposed fresh again")
            .given(concat(lockedOnAInRound0(), List.of(precommitTimeout(0))))
            .when(F.proposalIn(H, 1, A, -1))
            .expect(prevote(1, A)));
    rows.add(
        row("28-30 validRound re-proposal: prevote B, lockedRound 0 <= vr 1 (lock on A released)")
            .given(validBInRound1WhileLockedOnA())
            .when(F.proposalIn(H, 2, B, 1))
            .expect(prevote(2, B))
            .then(
                st -> {
                  assertThat(st.lockedValue()).contains(A);
                  assertThat(st.validValue()).contains(B);
                  assertThat(st.validRound()).isEqualTo(1);
                }));
    rows.add(
        row("28 no polka for vr yet: wait")
            .given(
                concat(lockedOnAInRound0(), List.of(precommitTimeout(0), F.proposalIn(H, 1, B, 0))))
            .when(valid(B))
            .expect()
            .then(st -> assertStep(st, 1, Step.PROPOSE)));
    rows.add(
        row("28-29,31-32 vr 0 below lockedRound 1 with another value: prevote nil")
            .given(concat(relockedOnBInRound1(), List.of(precommitTimeout(1))))
            .when(F.proposalIn(H, 2, A, 0))
            .expect(prevote(2, null)));
    rows.add(
        row("22 a proposal from someone else than proposer(h, r) is refused")
            .given(F.start(H))
            .when(new Input.ProposalReceived(Fixture.proposal(F.keys.get(S), H, 0, A, -1)))
            .expectRejected(RejectReason.WRONG_PROPOSER));
    rows.add(
        row("28 validRound >= round is refused")
            .given(F.start(H))
            .when(F.proposalIn(H, 0, A, 0))
            .expectRejected(RejectReason.INVALID_VALID_ROUND));
  }

  // ---- lines 34-46 -------------------------------------------------------------------------

  static void polkaRules(List<RuleRow.Builder> rows) {
    rows.add(
        row("34-35 2f+1 prevotes for anything: schedule timeoutPrevote(0)")
            .given(prevotedA(), F.prevoteIn(O[0], H, 0, A), F.prevoteIn(O[1], H, 0, null))
            .when(F.prevoteIn(O[2], H, 0, B))
            .expect(timeout(TimeoutKind.PREVOTE, 0, 1000)));
    rows.add(
        row("34 only the first time")
            .given(
                prevotedA(),
                F.prevoteIn(O[0], H, 0, A),
                F.prevoteIn(O[1], H, 0, null),
                F.prevoteIn(O[2], H, 0, B))
            .when(F.prevoteIn(S, H, 0, A))
            .expect());
    rows.add(
        row("36-41 polka for the proposal: lock and precommit it")
            .given(prevotedA(), F.prevoteIn(O[0], H, 0, A), F.prevoteIn(O[1], H, 0, A))
            .when(F.prevoteIn(O[2], H, 0, A))
            .expect(precommit(0, A))
            .then(
                st -> {
                  assertStep(st, 0, Step.PRECOMMIT);
                  assertThat(st.lockedValue()).contains(A);
                  assertThat(st.lockedRound()).isZero();
                  assertThat(st.validValue()).contains(A);
                  assertThat(st.validRound()).isZero();
                }));
    rows.add(
        row("36 a polka without the proposal does nothing until the proposal arrives")
            .given(
                F.start(H),
                valid(A),
                F.prevoteIn(O[0], H, 0, A),
                F.prevoteIn(O[1], H, 0, A),
                F.prevoteIn(O[2], H, 0, A),
                new TimeoutElapsed(TimeoutKind.PROPOSE, H, 0))
            .when(F.proposalIn(H, 0, A, -1))
            .expect(precommit(0, A)));
    rows.add(
        row("36-37,42-43 polka seen after precommitting nil: only validValue/validRound move")
            .given(
                prevotedA(),
                new TimeoutElapsed(TimeoutKind.PREVOTE, H, 0),
                F.prevoteIn(O[0], H, 0, A),
                F.prevoteIn(O[1], H, 0, A))
            .when(F.prevoteIn(O[2], H, 0, A))
            .expect()
            .then(
                st -> {
                  assertThat(st.lockedRound()).isEqualTo(-1);
                  assertThat(st.validValue()).contains(A);
                  assertThat(st.validRound()).isZero();
                }));
    rows.add(
        row("36-41 unlock on a later polka: locked on A in round 0, relock on B in round 1")
            .given(relockedOnBInRound1Before())
            .when(F.prevoteIn(O[2], H, 1, B))
            .expect(precommit(1, B))
            .then(
                st -> {
                  assertThat(st.lockedValue()).contains(B);
                  assertThat(st.lockedRound()).isEqualTo(1);
                }));
    rows.add(
        row("44-46 polka for nil: precommit nil")
            .given(
                F.start(H),
                new TimeoutElapsed(TimeoutKind.PROPOSE, H, 0),
                F.prevoteIn(O[0], H, 0, null),
                F.prevoteIn(O[1], H, 0, null))
            .when(F.prevoteIn(O[2], H, 0, null))
            .expect(precommit(0, null))
            .then(st -> assertStep(st, 0, Step.PRECOMMIT)));
  }

  // ---- lines 47-54 -------------------------------------------------------------------------

  static void precommitAndDecide(List<RuleRow.Builder> rows) {
    rows.add(
        row("47-48 2f+1 precommits for anything: schedule timeoutPrecommit(0)")
            .given(F.start(H), F.precommitIn(O[0], H, 0, A), F.precommitIn(O[1], H, 0, null))
            .when(F.precommitIn(O[2], H, 0, B))
            .expect(timeout(TimeoutKind.PRECOMMIT, 0, 1000)));
    rows.add(
        row("49-51 proposal + 2f+1 precommits for it: decide with the certificate")
            .given(prevotedA(), F.precommitIn(O[0], H, 0, A), F.precommitIn(O[1], H, 0, A))
            .when(F.precommitIn(O[2], H, 0, A))
            .expect(decide(0, A, O[0], O[1], O[2]))
            .then(
                st -> {
                  assertThat(st.step()).isEqualTo(Step.COMMIT);
                  assertThat(st.decision()).contains(A);
                }));
    rows.add(
        row("49-50 no decision while valid(v) is unknown")
            .given(
                F.start(H),
                F.proposalIn(H, 0, A, -1),
                F.precommitIn(O[0], H, 0, A),
                F.precommitIn(O[1], H, 0, A))
            .when(F.precommitIn(O[2], H, 0, A))
            .expect(timeout(TimeoutKind.PRECOMMIT, 0, 1000)));
    rows.add(
        row("49-51 ... and the decision follows valid(v)")
            .given(
                F.start(H),
                F.proposalIn(H, 0, A, -1),
                F.precommitIn(O[0], H, 0, A),
                F.precommitIn(O[1], H, 0, A),
                F.precommitIn(O[2], H, 0, A))
            .when(valid(A))
            .expect(decide(0, A, O[0], O[1], O[2])));
    rows.add(
        row("49-50 an invalid value is never decided")
            .given(
                F.start(H),
                F.proposalIn(H, 0, A, -1),
                F.precommitIn(O[0], H, 0, A),
                F.precommitIn(O[1], H, 0, A),
                F.precommitIn(O[2], H, 0, A))
            .when(new BlockValidated(H, A, false))
            .expect(prevote(0, null))
            .then(st -> assertThat(st.decision()).isEmpty()));
    rows.add(
        row("49 decide on an earlier round r < round_p")
            .given(
                prevotedA(),
                precommitTimeout(0),
                F.precommitIn(O[0], H, 0, A),
                F.precommitIn(O[1], H, 0, A))
            .when(F.precommitIn(O[2], H, 0, A))
            .expect(decide(0, A, O[0], O[1], O[2])));
  }

  // ---- lines 55-67 -------------------------------------------------------------------------

  static void timeoutsAndSkip(List<RuleRow.Builder> rows) {
    rows.add(
        row("55-56 f+1 validators in round 3: skip to round 3")
            .given(F.start(H), F.prevoteIn(O[0], H, 3, null))
            .when(F.precommitIn(O[1], H, 3, A))
            .expect(startRoundEffects(S, 3, new RoundChanged(H, 0, 3, RoundChangeCause.ROUND_SKIP)))
            .then(st -> assertStep(st, 3, Step.PROPOSE)));
    rows.add(
        row("55 one validator of a higher round is not enough")
            .given(F.start(H))
            .when(F.prevoteIn(O[0], H, 3, null))
            .expect()
            .then(st -> assertStep(st, 0, Step.PROPOSE)));
    rows.add(
        row("57-60 timeoutPropose in step propose: prevote nil")
            .given(F.start(H))
            .when(new TimeoutElapsed(TimeoutKind.PROPOSE, H, 0))
            .expect(prevote(0, null))
            .then(st -> assertStep(st, 0, Step.PREVOTE)));
    rows.add(
        row("58 timeoutPropose after prevoting is ignored")
            .given(prevotedA())
            .when(new TimeoutElapsed(TimeoutKind.PROPOSE, H, 0))
            .expect());
    rows.add(
        row("61-64 timeoutPrevote in step prevote: precommit nil")
            .given(F.start(H), new TimeoutElapsed(TimeoutKind.PROPOSE, H, 0))
            .when(new TimeoutElapsed(TimeoutKind.PREVOTE, H, 0))
            .expect(precommit(0, null))
            .then(st -> assertStep(st, 0, Step.PRECOMMIT)));
    rows.add(
        row("62 timeoutPrevote outside step prevote is ignored")
            .given(F.start(H))
            .when(new TimeoutElapsed(TimeoutKind.PREVOTE, H, 0))
            .expect());
    rows.add(
        row("65-67 timeoutPrecommit: start the next round (view change)")
            .given(F.start(H))
            .when(precommitTimeout(0))
            .expect(
                startRoundEffects(
                    S, 1, new RoundChanged(H, 0, 1, RoundChangeCause.PRECOMMIT_TIMEOUT)))
            .then(st -> assertStep(st, 1, Step.PROPOSE)));
    rows.add(
        row("+2/3 precommit nil: start the next round without waiting for timeoutPrecommit")
            .given(F.start(H), F.precommitIn(O[0], H, 0, null), F.precommitIn(O[1], H, 0, null))
            .when(F.precommitIn(O[2], H, 0, null))
            .expect(
                startRoundEffects(
                    S, 1, new RoundChanged(H, 0, 1, RoundChangeCause.PRECOMMIT_NIL_QUORUM)))
            .then(st -> assertStep(st, 1, Step.PROPOSE)));
    rows.add(
        row("47 +2/3 precommits split between nil and A: wait for timeoutPrecommit")
            .given(F.start(H), F.precommitIn(O[0], H, 0, null), F.precommitIn(O[1], H, 0, null))
            .when(F.precommitIn(O[2], H, 0, A))
            .expect(timeout(TimeoutKind.PRECOMMIT, 0, 1000))
            .then(st -> assertStep(st, 0, Step.PROPOSE)));
    rows.add(
        row("66 timeoutPrecommit of another round is ignored")
            .given(F.start(H))
            .when(precommitTimeout(1))
            .expect());
    rows.add(
        row("66 timeout of another height is ignored")
            .given(F.start(H))
            .when(new TimeoutElapsed(TimeoutKind.PRECOMMIT, H + 1, 0))
            .expect());
  }

  // ---- scenarios used as "given" -------------------------------------------------------------

  /** Round 0, proposal A valid, this node prevoted A. */
  static List<Input> prevotedA() {
    return List.of(F.start(H), F.proposalIn(H, 0, A, -1), valid(A));
  }

  static List<Input> lockedOnAInRound0() {
    return concat(
        prevotedA(),
        List.of(
            F.prevoteIn(O[0], H, 0, A), F.prevoteIn(O[1], H, 0, A), F.prevoteIn(O[2], H, 0, A)));
  }

  /** Same polka for A in round 0, seen by {@code self} (which may be P1). */
  static List<Input> polkaForAInRound0(int self) {
    List<Input> in = new ArrayList<>(prevotedA());
    for (int i : othersThan(self)) {
      in.add(F.prevoteIn(i, H, 0, A));
    }
    return in;
  }

  /** Locked on A in round 0; round 1 prevoted nil, B proposed and valid, 2 of 3 prevotes for B. */
  static List<Input> relockedOnBInRound1Before() {
    return concat(
        lockedOnAInRound0(),
        List.of(
            precommitTimeout(0),
            new TimeoutElapsed(TimeoutKind.PROPOSE, H, 1),
            F.proposalIn(H, 1, B, -1),
            valid(B),
            F.prevoteIn(O[0], H, 1, B),
            F.prevoteIn(O[1], H, 1, B)));
  }

  static List<Input> relockedOnBInRound1() {
    return concat(relockedOnBInRound1Before(), List.of(F.prevoteIn(O[2], H, 1, B)));
  }

  /** Locked on A in round 0; in round 1 precommitted nil, then saw a polka for a valid B. */
  static List<Input> validBInRound1WhileLockedOnA() {
    return concat(
        lockedOnAInRound0(),
        List.of(
            precommitTimeout(0),
            new TimeoutElapsed(TimeoutKind.PROPOSE, H, 1),
            new TimeoutElapsed(TimeoutKind.PREVOTE, H, 1),
            F.proposalIn(H, 1, B, -1),
            valid(B),
            F.prevoteIn(O[0], H, 1, B),
            F.prevoteIn(O[1], H, 1, B),
            F.prevoteIn(O[2], H, 1, B),
            precommitTimeout(1)));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  static RuleRow.Builder row(String rule) {
    return new RuleRow.Builder(rule, S);
  }

  static List<Effect> startRoundEffects(int self, int r, Effect first) {
    List<Effect> out = new ArrayList<>();
    out.add(first);
    if (F.proposer(H, r) == self) {
      out.add(new RequestValue(H, r));
    }
    out.add(timeout(TimeoutKind.PROPOSE, r, 1000 + 500L * r));
    return out;
  }

  static ScheduleTimeout timeout(TimeoutKind kind, int r, long millis) {
    return new ScheduleTimeout(kind, H, r, Duration.ofMillis(millis));
  }

  static SignVote prevote(int r, Hash32 v) {
    return new SignVote(VoteType.PREVOTE, H, r, v);
  }

  static SignVote precommit(int r, Hash32 v) {
    return new SignVote(VoteType.PRECOMMIT, H, r, v);
  }

  static Decide decide(int r, Hash32 v, int... signers) {
    List<Integer> order = new ArrayList<>();
    for (int i : signers) {
      order.add(i);
    }
    order.sort(null); // certificate lists signers in validator-set order
    var sigs =
        order.stream()
            .map(i -> F.precommit(i, H, r, v))
            .map(
                vt -> new org.timecoin.domain.block.CommitSignature(vt.validator(), vt.signature()))
            .toList();
    return new Decide(H, r, v, new org.timecoin.domain.block.CommitCertificate(H, r, v, sigs));
  }

  static BlockValidated valid(Hash32 v) {
    return new BlockValidated(H, v, true);
  }

  static TimeoutElapsed precommitTimeout(int r) {
    return new TimeoutElapsed(TimeoutKind.PRECOMMIT, H, r);
  }

  static void assertStep(ConsensusState st, int round, Step step) {
    assertThat(st.round()).isEqualTo(round);
    assertThat(st.step()).isEqualTo(step);
  }

  static List<Input> concat(List<Input> a, List<Input> b) {
    List<Input> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static int firstNotIn(int... taken) {
    outer:
    for (int i = 0; i < F.size(); i++) {
      for (int t : taken) {
        if (t == i) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no free validator");
  }

  static int[] othersThan(int self) {
    return java.util.stream.IntStream.range(0, F.size()).filter(i -> i != self).toArray();
  }
}
