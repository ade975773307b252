package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationRunnerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulationRunner.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void replaysOneRunAndPrintsItsResult() {
    assertThat(run("--scenario", "leader-crash", "--seed", "7", "--trace")).isZero();
    assertThat(out())
        .contains("leader-crash n=4 seed=7: PASS")
        .contains("crashed before proposing");
  }

  @Test
  void theSameReplayPrintsTheSameLines() {
    run("--scenario", "lossy", "--seed", "3", "--validators", "7", "--trace");
    String first = out();
    out.reset();
    run("--scenario", "lossy", "--seed", "3", "--validators", "7", "--trace");
    assertThat(out()).isEqualTo(first);
  }

  @Test
  void aCampaignPrintsATableAndJsonAsTheLastLine() {
    int status = run("--seeds", "2", "--scenario", "all", "--validators", "4", "--json");
    String[] lines = out().strip().split("\n");
    String json = lines[lines.length - 1];
    // The totals come before the per-scenario objects, so the first match is the total.
    boolean allLive =
        json.indexOf("\"liveness_failures\":0,") == json.indexOf("\"liveness_failures\":");
    assertThat(status).isEqualTo(allLive ? 0 : 1);
    assertThat(json)
        .startsWith("{\"scenario\":\"all\",\"validators\":4")
        .contains("\"runs\":24", "\"safety_violations\":0", "\"liveness_failures\":")
        .contains("\"leader_crash_recovery_ms_p50\":", "\"messages_per_height\":")
        .contains("\"scenarios\":{\"honest\":{")
        .endsWith("}");
    assertThat(out()).contains("scenario", "old-round-replay", "wall time");
  }

  @Test
  void severalValidatorCountsGiveOneJsonObject() {
    assertThat(run("--seeds", "2", "--scenario", "honest", "--validators", "4,5", "--json"))
        .isZero();
    String[] lines = out().strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("{\"campaigns\":[{").endsWith("]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--scenario nope --seed 1",
        "--seed x",
        "--validators 0 --seeds 1",
        "--seeds 0",
        "--threads",
        "--frobnicate"
      })
  void usageErrorsExitWithTwo(String args) {
    assertThat(run(args.split(" "))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }
}
