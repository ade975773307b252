package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Effect.EvidenceFound;
import org.timecoin.consensus.Effect.Rejected;
import org.timecoin.domain.block.VoteType;

/**
 * How the core takes messages in: duplicates, equivocation, strangers, other heights and rounds.
 */
class MessageIntakeTest {
  static final Fixture F = AlgorithmRulesTest.F;
  static final int S = AlgorithmRulesTest.S;
  static final int[] O = AlgorithmRulesTest.O;
  static final Hash32 A = Fixture.value("A");
  static final Hash32 B = Fixture.value("B");

  Script started() {
    return Script.of(F, S).feed(F.start(1));
  }

  @Test
  void duplicateVoteHasNoEffectAndCountsOnce() {
    Script s = started().feed(F.prevoteIn(O[0], 1, 0, A));
    ConsensusState before = s.state();
    s.feed(F.prevoteIn(O[0], 1, 0, A));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().votes().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(1);
    assertThat(s.state().votes()).isSameAs(before.votes());
  }

  @Test
  void duplicateProposalIsIgnored() {
    Script s = started().feed(F.proposalIn(1, 0, A, -1));
    s.feed(F.proposalIn(1, 0, A, -1));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().proposals(0)).hasSize(1);
  }

  @Test
  void equivocationIsReportedOnceAndStored() {
    Vote first = F.precommit(O[1], 1, 0, A);
    Vote second = F.precommit(O[1], 1, 0, B);
    Script s = started().feed(new Input.VoteReceived(first), new Input.VoteReceived(second));
    EquivocationEvidence ev = new EquivocationEvidence(first, second);
    assertThat(s.last()).containsExactly(new EvidenceFound(ev));
    s.feed(F.precommitIn(O[1], 1, 0, null));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().evidence()).containsExactly(ev);
  }

  @Test
  void equivocatingProposerCannotBlockDecisionOnItsSecondValue() {
    int p0 = F.proposer(1, 0);
    Proposal pa = Fixture.proposal(F.keys.get(p0), 1, 0, A, -1);
    Proposal pb = Fixture.proposal(F.keys.get(p0), 1, 0, B, -1);
    Script s =
        started()
            .feed(new Input.ProposalReceived(pa), new Input.ProposalReceived(pb))
            .feed(new Input.BlockValidated(1, B, true));
    for (int i : O) {
      s.feed(F.precommitIn(i, 1, 0, B));
    }
    assertThat(s.state().decision()).contains(B);
  }

  @Test
  void voteFromANonValidatorIsRejected() {
    Input in = new Input.VoteReceived(Fixture.vote(Fixture.outsider(), VoteType.PREVOTE, 1, 0, A));
    Script s = started().feed(in);
    assertThat(s.last()).containsExactly(new Rejected(in, RejectReason.NOT_A_VALIDATOR));
  }

  @Test
  void proposalFromANonValidatorIsRejected() {
    Input in = new Input.ProposalReceived(Fixture.proposal(Fixture.outsider(), 1, 0, A, -1));
    assertThat(started().feed(in).last())
        .containsExactly(new Rejected(in, RejectReason.NOT_A_VALIDATOR));
  }

  @Test
  void negativeRoundIsMalformed() {
    Input vote = F.prevoteIn(O[0], 1, -1, A);
    assertThat(started().feed(vote).last())
        .containsExactly(new Rejected(vote, RejectReason.MALFORMED));
  }

  @Test
  void proposalWithValidRoundBelowMinusOneIsRejected() {
    Input p =
        new Input.ProposalReceived(Fixture.proposal(F.keys.get(F.proposer(1, 0)), 1, 0, A, -2));
    assertThat(started().feed(p).last())
        .containsExactly(new Rejected(p, RejectReason.INVALID_VALID_ROUND));
  }

  @Test
  void messagesOfTheNextHeightAreBufferedAndReplayedWhenItStarts() {
    Script s = started().feed(F.prevoteIn(O[0], 2, 0, A), F.proposalIn(2, 0, A, -1));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().bufferedForNextHeight()).hasSize(2);
    assertThat(s.state().votes().rounds()).isEmpty();

    s.feed(F.start(2));
    assertThat(s.state().height()).isEqualTo(2);
    assertThat(s.state().bufferedForNextHeight()).isEmpty();
    assertThat(s.state().votes().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(1);
    assertThat(s.state().proposals(0)).hasSize(1);
    assertThat(s.last()).contains(new Effect.ValidateBlock(2, 0, A));
  }

  @Test
  void olderAndFartherHeightsAreIgnored() {
    Script s = started().feed(F.start(5)); // jump, as after block sync
    s.feed(F.prevoteIn(O[0], 4, 0, A), F.prevoteIn(O[0], 7, 0, A), F.prevoteIn(O[0], 1, 0, A));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().votes().rounds()).isEmpty();
    assertThat(s.state().bufferedForNextHeight()).isEmpty();
  }

  @Test
  void roundsTooFarAheadAreIgnored() {
    int ahead = ConsensusParams.DEFAULT.maxRoundsAhead();
    Script s = started().feed(F.prevoteIn(O[0], 1, ahead + 1, A));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().votes().rounds()).isEmpty();
    s.feed(F.prevoteIn(O[0], 1, ahead, A));
    assertThat(s.state().votes().rounds()).containsExactly(ahead);
  }

  @Test
  void messagesOfADecidedHeightAreIgnoredUntilTheNextStarts() {
    Script s = started().feed(F.proposalIn(1, 0, A, -1), new Input.BlockValidated(1, A, true));
    for (int i : O) {
      s.feed(F.precommitIn(i, 1, 0, A));
    }
    assertThat(s.state().step()).isEqualTo(Step.COMMIT);
    s.feed(new Input.TimeoutElapsed(TimeoutKind.PRECOMMIT, 1, 0), F.prevoteIn(O[0], 1, 1, B));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().step()).isEqualTo(Step.COMMIT);
    assertThat(s.state().round()).isZero();
  }

  @Test
  void startHeightOfACurrentOrOlderHeightIsIgnored() {
    Script s = started().feed(new Input.TimeoutElapsed(TimeoutKind.PRECOMMIT, 1, 0));
    s.feed(F.start(1));
    assertThat(s.last()).isEmpty();
    assertThat(s.state().round()).isEqualTo(1);
  }

  @Test
  void negativeHeightCannotBeStarted() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Input.StartHeight(-1, F.set))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inputsBeforeTheFirstHeightAreIgnored() {
    Script s = Script.of(F, S).feed(F.prevoteIn(O[0], 1, 0, A), F.proposalIn(1, 0, A, -1));
    s.feed(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 0, 0));
    s.feed(new Input.BlockValidated(0, A, true), new Input.ValueToPropose(0, 0, A));
    assertThat(s.all()).isEmpty();
    assertThat(s.state().step()).isEqualTo(Step.NEW_HEIGHT);
  }

  @Test
  void followerNeverSignsButStillDecides() {
    Script s = new Script(ConsensusState.initial(ConsensusParams.DEFAULT, null)).feed(F.start(1));
    s.feed(F.proposalIn(1, 0, A, -1), new Input.BlockValidated(1, A, true));
    for (int i = 0; i < F.size(); i++) {
      s.feed(F.prevoteIn(i, 1, 0, A));
    }
    for (int i = 0; i < 3; i++) {
      s.feed(F.precommitIn(i, 1, 0, A));
    }
    assertThat(s.all())
        .noneMatch(e -> e instanceof Effect.SignVote || e instanceof Effect.SignProposal);
    assertThat(s.state().decision()).contains(A);
  }

  @Test
  void applyNeverChangesTheGivenState() {
    Script s = started().feed(F.proposalIn(1, 0, A, -1));
    ConsensusState before = s.state();
    String shape = before.toString();
    List<Input> more =
        List.of(
            new Input.BlockValidated(1, A, true),
            F.prevoteIn(O[0], 1, 0, A),
            F.prevoteIn(O[1], 1, 0, A),
            F.prevoteIn(O[2], 1, 0, A));
    new Script(before).feed(more);
    assertThat(before.toString()).isEqualTo(shape);
    assertThat(before.validity(A)).isEmpty();
    assertThat(before.votes().rounds()).isEmpty();
    // Replaying the same inputs from the same state gives the same result.
    assertThat(new Script(before).feed(more).all()).isEqualTo(new Script(before).feed(more).all());
  }
}
