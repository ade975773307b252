package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.consensus.TimeoutKind;

class ConsensusConfigTest {
  private static final ConsensusConfig D = ConsensusConfig.DEFAULT;

  @Test
  void defaultsAreTheDesignTimeouts() {
    assertThat(D.params().timeout(TimeoutKind.PROPOSE, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(D.params().timeout(TimeoutKind.PREVOTE, 2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(D.params().timeout(TimeoutKind.PRECOMMIT, 1000)).isEqualTo(Duration.ofSeconds(30));
    assertThat(D.blockInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(D.emptyBlockInterval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void withTimeoutsAndBlockIntervalsReplaceOnlyTheirFields() {
    ConsensusConfig c =
        D.withTimeouts(
                Duration.ofMillis(200),
                Duration.ofMillis(300),
                Duration.ofMillis(400),
                Duration.ofMillis(50),
                Duration.ofSeconds(5))
            .withBlockIntervals(Duration.ofMillis(10), Duration.ofSeconds(60));
    assertThat(c.params().timeout(TimeoutKind.PREVOTE, 1)).isEqualTo(Duration.ofMillis(350));
    assertThat(c.maxRoundTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.emptyBlockInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.networkQueueCapacity()).isEqualTo(D.networkQueueCapacity());
  }

  @Test
  void refusesNegativeDurations() {
    assertThatThrownBy(() -> D.withBlockIntervals(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void refusesAnEmptyBlockIntervalShorterThanTheBlockInterval() {
    assertThatThrownBy(() -> D.withBlockIntervals(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("emptyBlockInterval");
  }

  @Test
  void refusesAnEmptyQueue() {
    assertThatThrownBy(
            () ->
                new ConsensusConfig(
                    D.timeoutPropose(),
                    D.timeoutPrevote(),
                    D.timeoutPrecommit(),
                    D.timeoutDelta(),
                    D.maxRoundTimeout(),
                    D.blockInterval(),
                    D.emptyBlockInterval(),
                    0,
                    D.walGroupCommitInterval(),
                    D.maxRoundsAhead()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("networkQueueCapacity");
  }
}
