package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsensusParamsTest {
  final ConsensusParams p = ConsensusParams.DEFAULT;

  @ParameterizedTest
  @EnumSource(TimeoutKind.class)
  void oneSecondPlusHalfASecondPerRoundCappedAtThirty(TimeoutKind kind) {
    assertThat(p.timeout(kind, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.timeout(kind, 1)).isEqualTo(Duration.ofMillis(1500));
    assertThat(p.timeout(kind, 10)).isEqualTo(Duration.ofSeconds(6));
    assertThat(p.timeout(kind, 58)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.timeout(kind, 59)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.timeout(kind, Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void neverAboveTheCapForAnyRound() {
    for (int r = 0; r < 10_000; r += 7) {
      assertThat(p.timeout(TimeoutKind.PROPOSE, r)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void unevenStepsStillReachExactlyTheCap() {
    ConsensusParams odd =
        new ConsensusParams(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(40),
            Duration.ofMillis(700),
            Duration.ofSeconds(30),
            10);
    assertThat(odd.timeout(TimeoutKind.PROPOSE, 41)).isEqualTo(Duration.ofMillis(29_700));
    assertThat(odd.timeout(TimeoutKind.PROPOSE, 42)).isEqualTo(Duration.ofSeconds(30));
    assertThat(odd.timeout(TimeoutKind.PRECOMMIT, 0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void genesisDefaultsGiveTheDefaultTimeouts() {
    ConsensusParams g =
        ConsensusParams.fromGenesis(org.timecoin.domain.genesis.ConsensusParams.defaults());
    for (TimeoutKind kind : TimeoutKind.values()) {
      for (int r : new int[] {0, 3, 80}) {
        assertThat(g.timeout(kind, r)).isEqualTo(p.timeout(kind, r));
      }
    }
  }

  @Test
  void rejectsNegativeTimeoutsAndNoLookahead() {
    assertThatThrownBy(
            () ->
                new ConsensusParams(
                    Duration.ofSeconds(-1),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ConsensusParams(
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
