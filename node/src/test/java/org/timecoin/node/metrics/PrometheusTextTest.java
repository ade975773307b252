package org.timecoin.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The format check that the scrape test relies on refuses each kind of broken exposition. */
class PrometheusTextTest {
  static final String GOOD =
      """
      # HELP p2p_received_bytes_total frames moved, with a \\\\ and a \\n
      # TYPE p2p_received_bytes_total counter
      p2p_received_bytes_total{type="vote"} 12.0
      p2p_received_bytes_total{type="say \\"hi\\"\\\\ \\n"} 3
      # TYPE consensus_height gauge
      consensus_height 7 1700000000000
      # TYPE consensus_step_duration_seconds summary
      consensus_step_duration_seconds_count{step="propose"} 2
      consensus_step_duration_seconds_sum{step="propose"} 0.5
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
      # TYPE up_ratio gauge
      up_ratio NaN
      """;

  @Test
  void acceptsAWellFormedExpositionAndReadsItsValues() {
    PrometheusText t = PrometheusText.parse(GOOD);
    assertThat(t.sum("p2p_received_bytes_total")).isEqualTo(15.0);
    assertThat(t.sum("p2p_received_bytes_total", "type", "say \"hi\"\\ \n")).isEqualTo(3.0);
    assertThat(t.sum("consensus_step_duration_seconds_count", "step", "propose")).isEqualTo(2);
    assertThat(t.families()).containsKeys("consensus_height", "jvm_memory_used_bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# TYPE 9bad gauge\n9bad 1\n", // metric name must not start with a digit
        "# TYPE a-b gauge\na-b 1\n", // nor hold a dash
        "# TYPE requests counter\nrequests 1\n", // a counter ends in _total
        "# TYPE size_total gauge\nsize_total 1\n", // only a counter does
        "x 1\n", // a sample before its TYPE
        "# TYPE g gauge\ng{a=\"1\\t\"} 1\n", // only \\ \" \\n are escapes
        "# TYPE g gauge\ng{a=1} 1\n", // label values are quoted
        "# TYPE g gauge\ng{__a=\"1\"} 1\n", // __ names are reserved
        "# TYPE g gauge\ng{a=\"1\",a=\"2\"} 1\n", // a label twice
        "# TYPE g gauge\ng{a=\"1\"} 1\ng{a=\"1\"} 2\n", // a series twice
        "# TYPE g gauge\ng one\n", // not a number
        "# TYPE g gauge\n# TYPE g gauge\ng 1\n", // TYPE twice
        "# TYPE g gauge\ng 1\n# TYPE h gauge\nh 1\ng 2\n", // family not contiguous
        "# TYPE g wobble\ng 1\n", // no such type
        "# TYPE s summary\ns_count 1\n", // a summary without _sum
        "# HELP g text\n", // HELP without TYPE
        "# TYPE g gauge\ng 1", // no final line feed
      })
  void refusesBrokenExpositions(String text) {
    assertThatThrownBy(() -> PrometheusText.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
