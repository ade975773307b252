package org.timecoin.testkit.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.NodeSpec;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;
import org.timecoin.testkit.sim.ValidatorSchedule;
import org.timecoin.testkit.sim.byzantine.OutsiderVoter;

/**
 * The validator set changes at every epoch boundary (epochs of 2-4 heights; one or two members
 * leave, one or two others join) while the network partitions and heals now and then. One validator
 * that leaves keeps voting after its last epoch and one that joins votes an epoch early; a node
 * that holds no vote starts only when the faults end and syncs the chain from genesis, checking
 * each certificate against the set of its height.
 */
public final class SetChangeScenario implements Scenario {
  private static final int EXTRA_KEYS = 3;
  private static final int EPOCHS = 14;

  @Override
  public String name() {
    return "set-changes";
  }

  @Override
  public ValidatorSchedule schedule(int validators, SplittableRandom random) {
    int epochBlocks = 2 + random.nextInt(3);
    return ValidatorSchedule.changing(validators, EXTRA_KEYS, epochBlocks, EPOCHS, random);
  }

  @Override
  public List<NodeSpec> nodes(ValidatorSchedule schedule, int faulty, SplittableRandom random) {
    List<Integer> leavers = new ArrayList<>();
    List<Integer> joiners = new ArrayList<>();
    for (int v = 0; v < schedule.keyCount(); v++) {
      long last = schedule.lastEpochOf(v);
      if (last >= 0 && last != Long.MAX_VALUE) {
        leavers.add(v);
      } else if (schedule.firstEpochOf(v) >= 2) {
        joiners.add(v);
      }
    }
    int leaver = leavers.isEmpty() ? -1 : leavers.get(random.nextInt(leavers.size()));
    int joiner = joiners.isEmpty() ? -1 : joiners.get(random.nextInt(joiners.size()));
    List<NodeSpec> specs = new ArrayList<>();
    for (int v = 0; v < schedule.keyCount(); v++) {
      Behaviour b =
          v == leaver
              ? new OutsiderVoter(OutsiderVoter.Mode.AFTER_LEAVING)
              : v == joiner
                  ? new OutsiderVoter(OutsiderVoter.Mode.BEFORE_JOINING)
                  : Behaviour.HONEST;
      specs.add(new NodeSpec(v, b));
    }
    specs.add(new NodeSpec(schedule.keyCount(), Behaviour.HONEST, true)); // syncs from genesis
    return specs;
  }

  /** Partitions of 1-6 s into two or three random groups, 2-10 s apart, until the end. */
  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    long end = (EPOCHS - 2L) * run.schedule().epochBlocks() * 1_000L + r.nextLong(5_000);
    for (long at = r.nextLong(3_000); at < end; at += 2_000 + r.nextLong(8_000)) {
      List<List<Integer>> groups = PartitionHealScenario.groups(run.network().size(), r);
      long healAt = Math.min(end, at + 1_000 + r.nextLong(5_000)) * 1_000_000L;
      run.scheduler()
          .scheduleAfterMillis(
              at,
              () -> {
                run.log("partition %s", groups);
                run.network().partition(groups, healAt);
              });
    }
    return end;
  }
}
