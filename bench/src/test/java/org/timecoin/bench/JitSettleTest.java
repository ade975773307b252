package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.bench.JitSettle.Reading;

class JitSettleTest {
  private static final long S = 1_000_000_000L;

  @Test
  void noShareUntilTheReadingsSpanTenSeconds() {
    assertThat(JitSettle.shareOverSpan(List.of(), 4)).isNaN();
    assertThat(JitSettle.shareOverSpan(List.of(new Reading(0, 0), new Reading(9 * S, 5)), 4))
        .isNaN();
  }

  @Test
  void shareIsCompilerTimePerNodePerSecondOverTheLatestTenSeconds() {
    List<Reading> readings =
        List.of(
            new Reading(0, 0), // busy start: not in the span
            new Reading(2 * S, 40),
            new Reading(4 * S, 44),
            new Reading(14 * S, 48));
    // from 4 s to 14 s: 4 compiler-seconds over 10 s on 4 nodes
    assertThat(JitSettle.shareOverSpan(readings, 4)).isCloseTo(0.1, within(1e-9));
    assertThat(JitSettle.shareOverSpan(readings, 4)).isLessThan(JitSettle.SETTLED_SHARE);
  }

  @Test
  void compilersBusyAllTheTimeAreNotSettled() {
    List<Reading> readings = List.of(new Reading(0, 0), new Reading(10 * S, 40));
    assertThat(JitSettle.shareOverSpan(readings, 4)).isEqualTo(1.0);
    assertThat(JitSettle.shareOverSpan(readings, 4)).isGreaterThan(JitSettle.SETTLED_SHARE);
  }
}
