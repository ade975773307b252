package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Validator sets that change at every epoch boundary, with partitions and validators voting outside
 * their epochs: agreement, validity and liveness hold over 300 seeds (thousands more through {@code
 * bin/simulate --scenario set-changes --seeds N}), and a node started late syncs the chain from
 * genesis, each certificate checked against the set of its height.
 */
class ValidatorSetChangeTest {
  static final int SEEDS = 300;

  @Test
  void agreementAndValidityHoldAcrossSetChanges() {
    CampaignResult c =
        SimulationCampaign.run(
            "set-changes",
            4,
            1,
            SEEDS,
            SimOptions.DEFAULT,
            Runtime.getRuntime().availableProcessors(),
            r -> {});
    assertThat(c.runs()).isEqualTo(SEEDS);
    assertThat(c.safetyViolations())
        .as(
            () ->
                c.failures().stream()
                    .map(RunResult::describeFailure)
                    .collect(Collectors.joining("\n")))
        .isZero();
    assertThat(c.livenessFailures()).isZero();
  }

  @Test
  void everyRunCrossesSetChangesAndALateNodeSyncsThem() {
    Scenario scenario = Scenarios.byName("set-changes").orElseThrow();
    long setChanges = 0;
    for (long seed = 1; seed <= 20; seed++) {
      RunResult r = Simulation.run(scenario, 4, seed);
      assertThat(r.passed()).as(r::describeFailure).isTrue();
      assertThat(r.count(RunEvents.SET_CHANGES)).as("seed %d", seed).isGreaterThanOrEqualTo(2);
      assertThat(r.count(RunEvents.SYNCED_HEIGHTS)).as("seed %d", seed).isPositive();
      assertThat(r.count(RunEvents.SYNC_REFUSED))
          .as("honest peers send valid certificates")
          .isZero();
      setChanges += r.count(RunEvents.SET_CHANGES);
    }
    assertThat(setChanges).as("about five set changes a run").isGreaterThanOrEqualTo(80);
  }

  @Test
  void schedulesChangeOnlyAtEpochBoundaries() {
    ValidatorSchedule s = ValidatorSchedule.changing(4, 3, 3, 10, new SplittableRandom(5));
    assertThat(s.membersAt(1)).isEqualTo(List.of(0, 1, 2, 3));
    assertThat(s.membersAt(6)).as("epoch 1 keeps the genesis set").isEqualTo(s.membersAt(1));
    assertThat(s.changes()).isTrue();
    for (long h = 2; h <= 30; h++) {
      if ((h - 1) % 3 != 0) {
        assertThat(s.membersAt(h)).isEqualTo(s.membersAt(h - 1));
      }
    }
    for (List<Integer> set : s.epochs()) {
      assertThat(set.size()).isBetween(3, 5);
    }
  }
}
