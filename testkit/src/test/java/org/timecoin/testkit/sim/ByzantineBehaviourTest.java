package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.timecoin.consensus.RejectReason;
import org.timecoin.testkit.sim.scenario.CoalitionScenario;

/**
 * A Byzantine scenario proves something only if its faults took place: each strategy is seen to act
 * (conflicting messages delivered, evidence recorded, round changes, both twins signing), and with
 * one Byzantine validator too many the invariant checker reports the broken agreement.
 */
class ByzantineBehaviourTest {
  private static final int SEEDS = 20;

  private static List<RunResult> runs(String scenario) {
    Scenario s = Scenarios.byName(scenario).orElseThrow();
    return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> Simulation.run(s, 4, seed)).toList();
  }

  private static long total(List<RunResult> runs, String event) {
    return runs.stream().mapToLong(r -> r.count(event)).sum();
  }

  private static long roundChanges(List<RunResult> runs) {
    return runs.stream().mapToLong(RunResult::roundChanges).sum();
  }

  private static void allPassed(List<RunResult> runs) {
    runs.forEach(r -> assertThat(r.passed()).as(r::describeFailure).isTrue());
  }

  @Test
  void anEquivocatingProposerReachesHonestNodesWithTwoProposals() {
    List<RunResult> runs = runs("equivocating-proposer");
    allPassed(runs);
    assertThat(total(runs, RunEvents.CONFLICTING_PROPOSALS)).isPositive();
  }

  @Test
  void anEquivocatingVoterIsDeliveredAndCaughtWithEvidence() {
    List<RunResult> runs = runs("equivocating-voter");
    allPassed(runs);
    assertThat(total(runs, RunEvents.CONFLICTING_VOTES)).isPositive();
    assertThat(total(runs, RunEvents.EVIDENCE)).isPositive();
  }

  @Test
  void invalidProposalsAreRefusedAndRoundsChange() {
    List<RunResult> runs = runs("invalid-proposer");
    allPassed(runs);
    assertThat(total(runs, RunEvents.INVALID_BLOCKS_REFUSED)).isPositive();
    assertThat(roundChanges(runs)).isPositive();
  }

  @Test
  void aSilentValidatorCostsRoundChanges() {
    List<RunResult> runs = runs("silent");
    allPassed(runs);
    assertThat(roundChanges(runs)).isPositive();
  }

  @Test
  void bothTwinsSign() {
    List<RunResult> runs = runs("twin");
    allPassed(runs);
    assertThat(total(runs, RunEvents.TWIN_DOUBLE_SIGNS)).isPositive();
  }

  @Test
  void staleMessagesAreReplayed() {
    List<RunResult> runs = runs("old-round-replay");
    allPassed(runs);
    assertThat(total(runs, RunEvents.STALE_REPLAYED)).isPositive();
  }

  @Test
  void votesOutsideTheirEpochAreSentAndRefused() {
    List<RunResult> runs = runs("set-changes");
    allPassed(runs);
    assertThat(total(runs, RunEvents.OUTSIDER_VOTES)).isPositive();
    assertThat(total(runs, RunEvents.rejected(RejectReason.NOT_A_VALIDATOR))).isPositive();
  }

  @Test
  void beyondFByzantineTheCheckerReportsBrokenAgreement() {
    Scenario coalition = new CoalitionScenario();
    List<RunResult> runs =
        LongStream.rangeClosed(1, 10).mapToObj(seed -> Simulation.run(coalition, 4, seed)).toList();
    assertThat(total(runs, RunEvents.CONFLICTING_VOTES)).isPositive();
    assertThat(runs)
        .anySatisfy(r -> assertThat(r.safetyViolations()).anyMatch(v -> v.startsWith("agreement")));
  }
}
