package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropagationReportTest {
  /** A devnet result whose only content is one spread per height, of 1..n ms. */
  private static LoadedDevnet.Result withSpreads(int n) {
    List<Long> spreads = new ArrayList<>();
    for (int i = n; i >= 1; i--) {
      spreads.add(i * 1_000_000L);
    }
    return new LoadedDevnet.Result(null, null, 1, n, 0, List.of(), spreads, null, 0, 0);
  }

  @Test
  void fewerThanHundredSamplesAreReportedAsTheMaximum() {
    Report report = new Report("devnet");

    double figure = DevnetBench.reportPropagation(report, withSpreads(40), "_on");

    assertThat(figure).isEqualTo(40.0);
    assertThat(report.get("propagation_ms_p99_on")).isEqualTo(40.0);
    assertThat(report.get("propagation_samples_on")).isEqualTo(40);
    assertThat(report.get("propagation_p99_is_max_on")).isEqualTo(true);
  }

  @Test
  void ninetyNineSamplesAreTheMaximumAndAHundredTheirP99() {
    Report report = new Report("devnet");

    assertThat(DevnetBench.reportPropagation(report, withSpreads(99), "")).isEqualTo(99.0);
    assertThat(report.get("propagation_p99_is_max")).isEqualTo(true);
    assertThat(DevnetBench.reportPropagation(report, withSpreads(100), "")).isEqualTo(99.0);
    assertThat(report.get("propagation_p99_is_max")).isEqualTo(false);
  }

  @Test
  void aHundredSamplesOrMoreGiveTheirP99() {
    Report report = new Report("devnet");

    double figure = DevnetBench.reportPropagation(report, withSpreads(200), "");

    assertThat(figure).isEqualTo(198.0);
    assertThat(report.get("propagation_samples")).isEqualTo(200);
    assertThat(report.get("propagation_p99_is_max")).isEqualTo(false);
  }
}
