package org.timecoin.testkit.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.testkit.sim.Scenario;
import org.timecoin.testkit.sim.SimRun;

/**
 * One to three successive partitions into two or three random groups (often none with a quorum),
 * the last one healing when the fault phase ends. One run in ten keeps the partition for 20-40
 * minutes of virtual time, long enough for the round timeouts to reach their cap.
 */
public final class PartitionHealScenario implements Scenario {
  @Override
  public String name() {
    return "partition-heal";
  }

  @Override
  public long injectFaults(SimRun run) {
    SplittableRandom r = run.random();
    long at = r.nextLong(3_000);
    int cuts = 1 + r.nextInt(3);
    for (int i = 0; i < cuts; i++) {
      List<List<Integer>> groups = groups(run.network().size(), r);
      run.scheduler()
          .scheduleAfterMillis(
              at,
              () -> {
                run.log("partition %s", groups);
                run.network().partition(groups, Long.MAX_VALUE);
              });
      at += 500 + r.nextLong(8_000);
    }
    if (r.nextInt(10) == 0) {
      at += 20 * 60_000 + r.nextLong(20 * 60_000);
    }
    return at;
  }

  /** Two or three random groups of the endpoints 0..size−1. */
  static List<List<Integer>> groups(int size, SplittableRandom r) {
    int count = 2 + r.nextInt(2);
    List<List<Integer>> groups = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      groups.add(new ArrayList<>());
    }
    for (int e = 0; e < size; e++) {
      groups.get(r.nextInt(count)).add(e);
    }
    return groups;
  }
}
