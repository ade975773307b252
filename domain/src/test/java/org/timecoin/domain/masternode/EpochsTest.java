package org.timecoin.domain.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpochsTest {
  @ParameterizedTest(name = "h={0} E={1}")
  @CsvSource({
    // height, E, epoch, last of epoch, epoch computed after (-1 none)
    "1, 100, 0, false, -1",
    "100, 100, 0, true, 2",
    "101, 100, 1, false, -1",
    "200, 100, 1, true, 3",
    "201, 100, 2, false, -1",
    "300, 100, 2, true, 4",
    "1, 1, 0, true, 2",
    "2, 1, 1, true, 3",
    "20, 20, 0, true, 2",
    "40, 20, 1, true, 3",
  })
  void epochArithmetic(long h, long e, long epoch, boolean last, long computed) {
    assertThat(Epochs.epochOf(h, e)).isEqualTo(epoch);
    assertThat(Epochs.isLastOfEpoch(h, e)).isEqualTo(last);
    assertThat(Epochs.epochComputedAfter(h, e)).isEqualTo(computed);
    assertThat(Epochs.firstHeight(epoch, e)).isLessThanOrEqualTo(h).isGreaterThan(h - e);
  }

  @Test
  void firstHeightsStartEachEpoch() {
    assertThat(Epochs.firstHeight(0, 100)).isEqualTo(1);
    assertThat(Epochs.firstHeight(3, 100)).isEqualTo(301);
    for (long h = 1; h <= 50; h++) {
      long epoch = Epochs.epochOf(h, 7);
      assertThat(Epochs.epochOf(Epochs.firstHeight(epoch, 7), 7)).isEqualTo(epoch);
    }
  }

  @Test
  void badArgumentsAndMissingSetsAreNamed() {
    assertThatThrownBy(() -> Epochs.epochOf(0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("height");
    assertThatThrownBy(() -> Epochs.epochOf(5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epoch length");
    assertThatThrownBy(() -> Epochs.setOf(new MapRegistryView(), 7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("epoch 7");
  }
}
