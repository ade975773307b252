package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignResultTest {
  private static RunResult run(long seed, List<String> safety, String liveness, List<Long> rec) {
    return new RunResult(
        "leader-crash",
        4,
        seed,
        safety,
        liveness,
        5,
        2,
        rec,
        100,
        1500,
        List.of((int) seed),
        List.of(seed * 1000),
        seed,
        9000,
        Map.of());
  }

  @Test
  void aggregatesRunsInOrder() {
    CampaignResult c =
        CampaignResult.of(
            "leader-crash",
            4,
            List.of(
                run(1, List.of(), null, List.of(2000L)),
                run(2, List.of("agreement: x"), null, List.of(3000L)),
                run(3, List.of(), "stuck", List.of())),
            List.of());
    assertThat(c.runs()).isEqualTo(3);
    assertThat(c.safetyViolations()).isEqualTo(1);
    assertThat(c.livenessFailures()).isEqualTo(1);
    assertThat(c.heightsFinalized()).isEqualTo(15);
    assertThat(c.roundChanges()).isEqualTo(6);
    assertThat(c.messagesPerHeight()).isEqualTo(20.0);
    assertThat(c.leaderCrashRecoveryMsP50()).isEqualTo(2000);
    assertThat(c.leaderCrashRecoveryMsP99()).isEqualTo(3000);
    assertThat(c.leaderCrashes()).isEqualTo(2);
    assertThat(c.heals()).isEqualTo(3);
    assertThat(c.healRecoveryRoundsMax()).isEqualTo(3);
    assertThat(c.healRecoveryMsP50()).isEqualTo(2000);
    assertThat(c.replayMismatches()).isEqualTo(6);
    assertThat(c.failures()).extracting(RunResult::seed).containsExactly(2L, 3L);
    assertThat(c.passed()).isFalse();
    assertThat(c.toJson()).contains("\"failed_seeds\":[\"leader-crash:2\",\"leader-crash:3\"]");
    assertThat(c.toTable()).contains("leader-crash").contains("2000");
  }

  @Test
  void emptyFiguresAreMarkedAsAbsent() {
    CampaignResult c = CampaignResult.of("honest", 4, List.of(), List.of());
    assertThat(c.leaderCrashRecoveryMsP50()).isEqualTo(-1);
    assertThat(c.healRecoveryRoundsMax()).isEqualTo(-1);
    assertThat(c.toJson()).contains("\"messages_per_height\":null");
    assertThat(c.passed()).isTrue();
  }

  @Test
  void failingRunsNameTheirReplayCommand() {
    RunResult r = run(42, List.of("agreement: x"), "stuck", List.of());
    assertThat(r.describeFailure())
        .contains("seed=42", "SAFETY: agreement: x", "LIVENESS: stuck")
        .contains("bin/simulate --scenario leader-crash --seed 42 --validators 4");
  }

  @Test
  void percentilesUseNearestRank() {
    long[] v = {5, 1, 4, 2, 3};
    assertThat(Percentiles.of(v, 50)).isEqualTo(3);
    assertThat(Percentiles.of(v, 99)).isEqualTo(5);
    assertThat(Percentiles.of(v, 1)).isEqualTo(1);
    assertThat(Percentiles.of(new long[0], 50)).isEqualTo(-1);
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(JsonWriter.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    assertThat(new JsonWriter().field("x", 1L).field("y", "z").field("w", 0.125).finish())
        .isEqualTo("{\"x\":1,\"y\":\"z\",\"w\":0.13}");
  }

  @Test
  void scenariosAreSelectedByName() {
    assertThat(Scenarios.select("all")).hasSize(12);
    assertThat(Scenarios.names())
        .containsExactly(
            "honest",
            "lossy",
            "partition-heal",
            "leader-crash",
            "crash-restart",
            "equivocating-proposer",
            "equivocating-voter",
            "invalid-proposer",
            "silent",
            "twin",
            "old-round-replay",
            "set-changes");
    assertThat(Scenarios.select("twin")).extracting(Scenario::name).containsExactly("twin");
    assertThatThrownBy(() -> Scenarios.select("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scenario");
  }
}
