package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario, for 4 and 7 validators, over 200 seeds each: no safety violation ever, every
 * honest validator finalizes after the faults stop, and no round waits longer than
 * max_round_timeout. A failure names each failing seed and the command that replays it.
 */
class ScenarioSimulationTest {
  static final int SEEDS = 200;

  static Stream<Arguments> scenarios() {
    return Stream.of(4, 7)
        .flatMap(n -> Scenarios.names().stream().map(name -> Arguments.of(name, n)));
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("scenarios")
  void neverViolatesSafetyAndStaysLive(String scenario, int validators) {
    CampaignResult c =
        SimulationCampaign.run(
            scenario,
            validators,
            1,
            SEEDS,
            SimOptions.DEFAULT,
            Runtime.getRuntime().availableProcessors(),
            r -> {});

    assertThat(c.runs()).isEqualTo(SEEDS);
    assertThat(c.safetyViolations()).as(() -> failures(c)).isZero();
    assertThat(c.livenessFailures()).as(() -> failures(c)).isZero();
    // A restarted validator's WAL replay rebuilds exactly the state it crashed with.
    assertThat(c.replayMismatches()).as(() -> failures(c)).isZero();
    assertThat(c.maxRoundWaitMs()).isLessThanOrEqualTo(30_000);
    assertThat(c.heightsFinalized())
        .isGreaterThanOrEqualTo(SEEDS * (long) SimOptions.DEFAULT.minHeights());
  }

  private static String failures(CampaignResult c) {
    return c.failures().stream()
        .map(RunResult::describeFailure)
        .collect(Collectors.joining("\n", "failing runs:\n", ""));
  }
}
