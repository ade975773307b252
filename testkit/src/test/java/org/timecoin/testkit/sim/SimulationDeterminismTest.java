package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A seed is a complete description of a run: the same seed replays the same run exactly. */
class SimulationDeterminismTest {
  private static final SimOptions TRACED = SimOptions.DEFAULT.withTrace(true);

  @ParameterizedTest
  @ValueSource(strings = {"lossy", "crash-restart", "twin", "partition-heal", "old-round-replay"})
  void theSameSeedReplaysTheSameRun(String name) {
    Scenario scenario = Scenarios.byName(name).orElseThrow();
    Simulation.Traced first = Simulation.run(scenario, 4, 17, TRACED);
    Simulation.Traced again = Simulation.run(scenario, 4, 17, TRACED);
    assertThat(again.result()).isEqualTo(first.result());
    assertThat(again.trace()).isEqualTo(first.trace()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lossy", "crash-restart"})
  void anotherSeedGivesAnotherRun(String name) {
    Scenario scenario = Scenarios.byName(name).orElseThrow();
    assertThat(Simulation.run(scenario, 4, 18, TRACED).trace())
        .isNotEqualTo(Simulation.run(scenario, 4, 17, TRACED).trace());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void tinyNetworksWork(int validators) {
    RunResult r = Simulation.run(Scenarios.byName("honest").orElseThrow(), validators, 5);
    assertThat(r.passed()).as(r::describeFailure).isTrue();
    assertThat(r.heightsFinalized()).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"honest", "leader-crash", "equivocating-proposer"})
  void runsWithRealEd25519Signatures(String name) {
    Scenario scenario = Scenarios.byName(name).orElseThrow();
    RunResult ed = Simulation.run(scenario, 4, 3, SimOptions.DEFAULT.withEd25519(true)).result();
    assertThat(ed.passed()).as(ed::describeFailure).isTrue();
    assertThat(ed.heightsFinalized()).isGreaterThanOrEqualTo(3);
  }
}
