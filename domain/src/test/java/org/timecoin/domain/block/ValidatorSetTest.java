package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.domain.testing.DomainGen;

class ValidatorSetTest {
  private final DomainGen gen = new DomainGen(5);

  private ValidatorSet setOfPowers(long... powers) {
    List<Validator> list = new ArrayList<>();
    for (long p : powers) {
      list.add(new Validator(gen.publicKey(), p, Tier.FREE, gen.address()));
    }
    return new ValidatorSet(list);
  }

  @ParameterizedTest(name = "powers {0}: total {1}, quorum {2}, f+1 {3}")
  @CsvSource({
    "1,           1, 1, 1",
    "1 1 1,       3, 3, 2",
    "1 1 1 1,     4, 3, 2",
    "10 10 10 10, 40, 27, 14",
    "5 5 5 5 5 5 5, 35, 24, 12",
    "100,         100, 67, 34",
    "9223372036854775806 1, 9223372036854775807, 6148914691236517205, 3074457345618258603"
  })
  void thresholds(String powers, long total, long quorum, long oneThirdPlus) {
    long[] p =
        java.util.Arrays.stream(powers.trim().split(" +")).mapToLong(Long::parseLong).toArray();
    ValidatorSet set = setOfPowers(p);
    assertThat(set.totalPower()).isEqualTo(total);
    assertThat(set.quorumPower()).isEqualTo(quorum);
    assertThat(set.oneThirdPlusPower()).isEqualTo(oneThirdPlus);
    assertThat(set.hasQuorum(quorum)).isTrue();
    assertThat(set.hasQuorum(quorum - 1)).isFalse();
    assertThat(set.hasOneThirdPlus(oneThirdPlus)).isTrue();
    assertThat(set.hasOneThirdPlus(oneThirdPlus - 1)).isFalse();
  }

  @Test
  void quorumMatchesTheDefinitionForSmallTotals() {
    for (long total = 1; total < 300; total++) {
      ValidatorSet set = setOfPowers(total);
      for (long power = 0; power <= total; power++) {
        assertThat(set.hasQuorum(power)).isEqualTo(3 * power > 2 * total);
        assertThat(set.hasOneThirdPlus(power)).isEqualTo(3 * power > total);
      }
    }
  }

  @Test
  void orderIsCanonicalAndLookupsWork() {
    Validator a = gen.validator();
    Validator b = gen.validator();
    Validator c = gen.validator();
    ValidatorSet one = new ValidatorSet(List.of(a, b, c));
    ValidatorSet two = new ValidatorSet(List.of(c, a, b));
    assertThat(one).isEqualTo(two);
    assertThat(one.validators())
        .isEqualTo(two.validators())
        .isSortedAccordingTo((x, y) -> x.key().compareTo(y.key()));
    assertThat(one.get(b.key())).contains(b);
    assertThat(one.indexOf(one.validators().get(2).key())).isEqualTo(2);
    assertThat(one.contains(gen.publicKey())).isFalse();
    assertThat(one.indexOf(gen.publicKey())).isEqualTo(-1);
  }

  @Test
  void rewardWeightsFollowTiers() {
    List<Validator> list = new ArrayList<>();
    for (Tier t : Tier.values()) {
      list.add(new Validator(gen.publicKey(), 1, t, gen.address()));
    }
    assertThat(new ValidatorSet(list).totalRewardWeight()).isEqualTo(0 + 1_000 + 10_000 + 100_000);
  }

  @Test
  void rejectsDuplicatesEmptyAndOverflow() {
    Validator a = gen.validator();
    assertThatThrownBy(() -> new ValidatorSet(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> new ValidatorSet(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> setOfPowers(Long.MAX_VALUE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> new Validator(gen.publicKey(), 0, Tier.GOLD, gen.address()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
