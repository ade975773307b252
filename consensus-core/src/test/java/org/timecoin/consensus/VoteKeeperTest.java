package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.VoteKeeper.AddResult;
import org.timecoin.consensus.VoteKeeper.Outcome;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.VoteType;

class VoteKeeperTest {
  static final Hash32 A = Fixture.value("A");
  static final Hash32 B = Fixture.value("B");

  final Fixture f = Fixture.equal(4); // quorum 3, f+1 2

  VoteKeeper keeper() {
    return new VoteKeeper(1, f.set);
  }

  @Test
  void polkaForValueAndPolkaAnyAreReportedWhenFirstReached() {
    VoteKeeper k = keeper().add(f.prevote(0, 1, 0, A)).keeper();
    AddResult second = k.add(f.prevote(1, 1, 0, A));
    assertThat(second.thresholds()).containsExactly(new Threshold.SkipRound(0));
    AddResult third = second.keeper().add(f.prevote(2, 1, 0, A));
    assertThat(third.outcome()).isEqualTo(Outcome.ADDED);
    assertThat(third.thresholds())
        .containsExactly(new Threshold.PolkaValue(0, A), new Threshold.PolkaAny(0));
    AddResult fourth = third.keeper().add(f.prevote(3, 1, 0, A));
    assertThat(fourth.thresholds()).isEmpty();
    assertThat(fourth.keeper().quorumValue(0, VoteType.PREVOTE)).contains(A);
  }

  @Test
  void polkaNilAndMixedPolkaAny() {
    VoteKeeper k = keeper().add(f.prevote(0, 1, 0, null)).keeper();
    k = k.add(f.prevote(1, 1, 0, null)).keeper();
    AddResult r = k.add(f.prevote(2, 1, 0, null));
    assertThat(r.thresholds())
        .containsExactly(new Threshold.PolkaNil(0), new Threshold.PolkaAny(0));
    assertThat(r.keeper().hasQuorumFor(0, VoteType.PREVOTE, null)).isTrue();
    assertThat(r.keeper().quorumValue(0, VoteType.PREVOTE)).isEmpty();

    VoteKeeper mixed = keeper().add(f.prevote(0, 1, 0, A)).keeper();
    mixed = mixed.add(f.prevote(1, 1, 0, B)).keeper();
    AddResult m = mixed.add(f.prevote(2, 1, 0, null));
    assertThat(m.thresholds()).containsExactly(new Threshold.PolkaAny(0));
  }

  @Test
  void precommitAnyAndPrecommitValue() {
    VoteKeeper k = keeper().add(f.precommit(0, 1, 2, A)).keeper();
    k = k.add(f.precommit(1, 1, 2, null)).keeper();
    AddResult any = k.add(f.precommit(2, 1, 2, B));
    assertThat(any.thresholds()).containsExactly(new Threshold.PrecommitAny(2));

    VoteKeeper v = keeper().add(f.precommit(0, 1, 2, A)).keeper();
    v = v.add(f.precommit(1, 1, 2, A)).keeper();
    AddResult value = v.add(f.precommit(2, 1, 2, A));
    assertThat(value.thresholds())
        .containsExactly(new Threshold.PrecommitValue(2, A), new Threshold.PrecommitAny(2));
  }

  @Test
  void skipThresholdCountsDistinctValidatorsAcrossBothTypes() {
    VoteKeeper k = keeper().add(f.prevote(0, 1, 5, A)).keeper();
    // The same validator's precommit does not add a second voter.
    AddResult same = k.add(f.precommit(0, 1, 5, A));
    assertThat(same.thresholds()).isEmpty();
    AddResult other = same.keeper().add(f.precommit(1, 1, 5, null));
    assertThat(other.thresholds()).contains(new Threshold.SkipRound(5));
    assertThat(other.keeper().highestSkipRoundAbove(0)).isEqualTo(5);
    assertThat(other.keeper().highestSkipRoundAbove(5)).isEqualTo(-1);
  }

  @Test
  void votesAreWeightedByPower() {
    Fixture weighted = new Fixture(1, 1, 1, 10); // total 13: quorum needs > 26/3, i.e. 9
    int heavy =
        weighted.indexOf(
            weighted.set.validators().stream()
                .filter(v -> v.votingPower() == 10)
                .findFirst()
                .orElseThrow()
                .key());
    VoteKeeper k = new VoteKeeper(1, weighted.set);
    AddResult r = k.add(weighted.prevote(heavy, 1, 0, A));
    assertThat(r.thresholds())
        .contains(
            new Threshold.PolkaValue(0, A), new Threshold.PolkaAny(0), new Threshold.SkipRound(0));
    assertThat(r.keeper().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(10);

    VoteKeeper light = new VoteKeeper(1, weighted.set);
    for (int i = 0; i < 4; i++) {
      if (i != heavy) {
        light = light.add(weighted.prevote(i, 1, 0, A)).keeper();
      }
    }
    assertThat(light.powerFor(0, VoteType.PREVOTE, A)).isEqualTo(3);
    assertThat(light.hasQuorumFor(0, VoteType.PREVOTE, A)).isFalse();
    assertThat(light.hasSkipThreshold(0)).isFalse(); // 3 is not more than 13/3
  }

  @Test
  void duplicateVoteIsIgnored() {
    VoteKeeper k = keeper().add(f.prevote(0, 1, 0, A)).keeper();
    AddResult dup = k.add(f.prevote(0, 1, 0, A));
    assertThat(dup.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(dup.keeper()).isSameAs(k);
    assertThat(dup.keeper().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(1);
  }

  @Test
  void conflictingVoteIsEvidenceOnceAndCountsOnlyForItsValue() {
    Vote first = f.prevote(0, 1, 0, A);
    Vote second = f.prevote(0, 1, 0, B);
    VoteKeeper k = keeper().add(first).keeper();
    AddResult conflict = k.add(second);
    assertThat(conflict.outcome()).isEqualTo(Outcome.EQUIVOCATION);
    assertThat(conflict.evidence()).contains(new EquivocationEvidence(first, second));
    assertThat(conflict.keeper().evidence())
        .containsExactly(new EquivocationEvidence(first, second));
    assertThat(conflict.keeper().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(1);
    assertThat(conflict.keeper().powerFor(0, VoteType.PREVOTE, B)).isEqualTo(1);
    assertThat(conflict.keeper().voteOf(0, VoteType.PREVOTE, f.pk(0))).contains(first);

    AddResult third = conflict.keeper().add(f.prevote(0, 1, 0, null));
    assertThat(third.outcome()).isEqualTo(Outcome.EQUIVOCATION);
    assertThat(third.evidence()).isEmpty();
    assertThat(third.keeper().evidence()).hasSize(1);
    assertThat(third.keeper().add(f.prevote(0, 1, 0, B)).outcome()).isEqualTo(Outcome.DUPLICATE);

    // Another type is another slot.
    assertThat(k.add(f.precommit(0, 1, 0, B)).outcome()).isEqualTo(Outcome.ADDED);
  }

  @Test
  void anEquivocatorCountsOnceForTheTotals() {
    VoteKeeper k = keeper();
    for (Hash32 v : new Hash32[] {A, B, null}) {
      k = k.add(f.prevote(0, 1, 0, v)).keeper();
    }
    k = k.add(f.prevote(1, 1, 0, A)).keeper();
    assertThat(k.hasQuorumAny(0, VoteType.PREVOTE)).isFalse(); // 2 validators, not 4 votes
    assertThat(k.hasSkipThreshold(0)).isTrue();
  }

  @Test
  void theConflictingVoteCompletesAPolkaOthersSaw() {
    // Validator 3 prevoted B to us first and A to the others; their polka for A must reach us.
    VoteKeeper k = keeper().add(f.prevote(3, 1, 0, B)).keeper();
    k = k.add(f.prevote(0, 1, 0, A)).keeper().add(f.prevote(1, 1, 0, A)).keeper();
    AddResult r = k.add(f.prevote(3, 1, 0, A));
    assertThat(r.thresholds()).contains(new Threshold.PolkaValue(0, A));
    assertThat(r.keeper().quorumValue(0, VoteType.PREVOTE)).contains(A);
  }

  @Test
  void anEquivocatorsVotesAreBoundedPerSlot() {
    VoteKeeper k = keeper();
    for (int i = 0; i < VoteKeeper.MAX_VOTES_PER_SLOT + 3; i++) {
      k = k.add(f.prevote(0, 1, 0, Fixture.value("v" + i))).keeper();
    }
    assertThat(k.powerFor(0, VoteType.PREVOTE, Fixture.value("v" + VoteKeeper.MAX_VOTES_PER_SLOT)))
        .isZero();
    assertThat(k.evidence()).hasSize(1);
  }

  @Test
  void nonValidatorVoteIsNotCounted() {
    Vote v = Fixture.vote(Fixture.outsider(), VoteType.PREVOTE, 1, 0, A);
    AddResult r = keeper().add(v);
    assertThat(r.outcome()).isEqualTo(Outcome.NOT_A_VALIDATOR);
    assertThat(r.keeper().rounds()).isEmpty();
  }

  @Test
  void voteOfAnotherHeightIsAProgrammingError() {
    assertThatThrownBy(() -> keeper().add(f.prevote(0, 2, 0, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void certificateHoldsThePrecommitsForTheValueInSetOrderAndVerifies() {
    VoteKeeper k = keeper();
    for (int i : new int[] {3, 1, 0}) {
      k = k.add(f.precommit(i, 1, 0, A)).keeper();
    }
    k = k.add(f.precommit(2, 1, 0, null)).keeper();
    CommitCertificate cert = k.certificate(0, A);
    assertThat(cert.signatures())
        .extracting(s -> f.indexOf(s.validator()))
        .containsExactly(0, 1, 3);
    assertThat(cert.verify(f.set, Fixture.CHAIN).isValid()).isTrue();
  }

  @Test
  void olderKeeperIsUnchangedByAdds() {
    VoteKeeper k = keeper();
    k.add(f.prevote(0, 1, 0, A));
    assertThat(k.rounds()).isEmpty();
    assertThat(k.powerFor(0, VoteType.PREVOTE, A)).isZero();
  }
}
