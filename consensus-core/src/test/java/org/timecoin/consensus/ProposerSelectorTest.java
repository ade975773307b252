package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.PublicKey;

class ProposerSelectorTest {

  @Test
  void roundZeroProposersAreProportionalToPower() {
    Fixture f = new Fixture(1, 2, 3, 4);
    Map<PublicKey, Integer> count = new HashMap<>();
    int heights = 10_000;
    for (long h = 1; h <= heights; h++) {
      count.merge(ProposerSelector.proposer(f.set, h, 0), 1, Integer::sum);
    }
    for (Validator v : f.set.validators()) {
      double expected = heights * v.votingPower() / 10.0;
      assertThat((double) count.getOrDefault(v.key(), 0))
          .as("proposals of power %d", v.votingPower())
          .isBetween(expected * 0.9, expected * 1.1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 7})
  void consecutiveRoundsHaveDifferentProposers(int n) {
    Fixture f = Fixture.equal(n);
    for (long h = 1; h <= 100; h++) {
      ProposerSelector s = new ProposerSelector(f.set, h);
      for (int r = 1; r < 40; r++) {
        assertThat(s.proposer(r)).as("h=%d r=%d", h, r).isNotEqualTo(s.proposer(r - 1));
      }
    }
  }

  @Test
  void aDominantValidatorStillAlternates() {
    Fixture f = new Fixture(100, 1, 1);
    ProposerSelector s = new ProposerSelector(f.set, 7);
    for (int r = 1; r < 200; r++) {
      assertThat(s.proposer(r)).isNotEqualTo(s.proposer(r - 1));
    }
  }

  @Test
  void everyValidatorGetsToProposeAcrossRounds() {
    Fixture f = new Fixture(1, 5, 10, 20);
    ProposerSelector s = new ProposerSelector(f.set, 3);
    Map<PublicKey, Integer> count = new HashMap<>();
    for (int r = 0; r < 2_000; r++) {
      count.merge(s.proposer(r), 1, Integer::sum);
    }
    assertThat(count).hasSize(4);
  }

  @Test
  void deterministicAcrossInstancesAndQueryOrder() {
    Fixture f = new Fixture(3, 1, 4, 1, 5);
    ProposerSelector forward = new ProposerSelector(f.set, 42);
    ProposerSelector jump = new ProposerSelector(f.set, 42);
    PublicKey r50 = jump.proposer(50);
    for (int r = 0; r <= 50; r++) {
      forward.proposer(r);
    }
    assertThat(forward.proposer(50)).isEqualTo(r50);
    assertThat(ProposerSelector.proposer(f.set, 42, 50)).isEqualTo(r50);
  }

  @Test
  void singleValidatorAlwaysProposes() {
    Fixture f = Fixture.equal(1);
    assertThat(ProposerSelector.proposer(f.set, 9, 0)).isEqualTo(f.pk(0));
    assertThat(ProposerSelector.proposer(f.set, 9, 5)).isEqualTo(f.pk(0));
  }
}
