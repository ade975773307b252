package org.timecoin.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void wallTimeFollowsMonotonicTimeFromTheEpoch() {
    VirtualClock clock = new VirtualClock(1_000);
    assertThat(clock.monoNanos()).isZero();
    assertThat(clock.wallMillis()).isEqualTo(1_000);
    clock.advance(Duration.ofMillis(250));
    assertThat(clock.monoNanos()).isEqualTo(250_000_000L);
    assertThat(clock.wallMillis()).isEqualTo(1_250);
    assertThat(clock.elapsedMillis()).isEqualTo(250);
  }

  @Test
  void refusesToGoBackwards() {
    VirtualClock clock = new VirtualClock();
    clock.advanceTo(100);
    assertThatThrownBy(() -> clock.advanceTo(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }
}
