package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A named fault pattern. A run goes through two phases: the fault phase, in which the scenario may
 * do anything to the network and the nodes, and then the synchronous phase (faults stop, the
 * network is whole and timely) in which liveness is checked. Byzantine nodes stay Byzantine in
 * both.
 */
public interface Scenario {
  String name();

  /**
   * The nodes of the run, one per endpoint: every validator once, Byzantine ones with their
   * strategy (a validator may appear twice: a twin). Default: all honest.
   */
  default List<NodeSpec> nodes(int validators, int faulty, SplittableRandom random) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      specs.add(NodeSpec.honest(i));
    }
    return specs;
  }

  /** Which validators vote at each height. Default: validators 0..n−1 throughout. */
  default ValidatorSchedule schedule(int validators, SplittableRandom random) {
    return ValidatorSchedule.fixed(validators);
  }

  /**
   * The nodes of the run for the validator {@code schedule}: by default those of {@link #nodes(int,
   * int, SplittableRandom)} for the genesis set.
   */
  default List<NodeSpec> nodes(ValidatorSchedule schedule, int faulty, SplittableRandom random) {
    return nodes(schedule.membersOfEpoch(0).size(), faulty, random);
  }

  /** Schedules the faults of the fault phase; returns its length in virtual milliseconds. */
  long injectFaults(SimRun run);

  /**
   * Ends the fault phase. Default: the network becomes whole and timely; crashed nodes stay down.
   */
  default void endFaults(SimRun run) {
    run.makeNetworkSynchronous();
  }

  /** Picks {@code count} distinct validator indexes out of {@code validators}. */
  static List<Integer> pick(int validators, int count, SplittableRandom random) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      all.add(i);
    }
    for (int i = all.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    return new ArrayList<>(all.subList(0, count));
  }

  /** All validators honest except {@code faulty} random ones, which follow {@code byzantine}. */
  static List<NodeSpec> withByzantine(
      int validators, int faulty, SplittableRandom random, Supplier<Behaviour> byzantine) {
    List<Integer> bad = pick(validators, faulty, random);
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      specs.add(bad.contains(i) ? new NodeSpec(i, byzantine.get()) : NodeSpec.honest(i));
    }
    return specs;
  }
}
