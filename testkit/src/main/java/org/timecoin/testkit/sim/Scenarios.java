package org.timecoin.testkit.sim;

import java.util.List;
import java.util.Optional;
import org.timecoin.testkit.sim.byzantine.EquivocatingProposer;
import org.timecoin.testkit.sim.byzantine.EquivocatingVoter;
import org.timecoin.testkit.sim.byzantine.InvalidBlockProposer;
import org.timecoin.testkit.sim.byzantine.OldRoundReplayer;
import org.timecoin.testkit.sim.byzantine.SilentValidator;
import org.timecoin.testkit.sim.scenario.ByzantineScenario;
import org.timecoin.testkit.sim.scenario.CrashRestartScenario;
import org.timecoin.testkit.sim.scenario.HonestScenario;
import org.timecoin.testkit.sim.scenario.LeaderCrashScenario;
import org.timecoin.testkit.sim.scenario.LossyScenario;
import org.timecoin.testkit.sim.scenario.PartitionHealScenario;
import org.timecoin.testkit.sim.scenario.SetChangeScenario;
import org.timecoin.testkit.sim.scenario.TwinScenario;

/** The named scenarios; "all" stands for every one of them, in this order. */
public final class Scenarios {
  public static final String ALL = "all";

  private static final List<Scenario> SCENARIOS =
      List.of(
          new HonestScenario(),
          new LossyScenario(),
          new PartitionHealScenario(),
          new LeaderCrashScenario(),
          new CrashRestartScenario(),
          new ByzantineScenario("equivocating-proposer", EquivocatingProposer::new),
          new ByzantineScenario("equivocating-voter", EquivocatingVoter::new),
          new ByzantineScenario("invalid-proposer", InvalidBlockProposer::new),
          new ByzantineScenario("silent", SilentValidator::new),
          new TwinScenario(),
          new ByzantineScenario("old-round-replay", OldRoundReplayer::new),
          new SetChangeScenario());

  private Scenarios() {}

  public static List<Scenario> all() {
    return SCENARIOS;
  }

  public static List<String> names() {
    return SCENARIOS.stream().map(Scenario::name).toList();
  }

  public static Optional<Scenario> byName(String name) {
    return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The scenarios {@code name} selects: one, or all of them for "all". */
  public static List<Scenario> select(String name) {
    if (ALL.equals(name)) {
      return SCENARIOS;
    }
    return List.of(
        byName(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown scenario '" + name + "'; known: " + names() + " and all")));
  }
}
