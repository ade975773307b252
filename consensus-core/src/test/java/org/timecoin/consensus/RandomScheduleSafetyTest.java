package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safety across seeded random schedules (DESIGN.md §8): reordering, random timeouts, crashes that
 * lose the unsynced WAL tail, and an optional Byzantine validator. Agreement and "no honest
 * validator signs two different messages at one (height, round, step)" must hold in every run;
 * after a synchronous phase every honest node must have decided all heights. The seed is in the
 * test name and in every failure message.
 */
class RandomScheduleSafetyTest {
  static final int HEIGHTS = 3;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 50);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void honestNetworkWithCrashes(long seed) {
    check(seed, new MiniNetwork(seed, false, HEIGHTS));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void oneByzantineValidatorWithCrashes(long seed) {
    check(seed, new MiniNetwork(seed, true, HEIGHTS));
  }

  private static void check(long seed, MiniNetwork net) {
    net.chaos(2_000);
    boolean live = net.settle(100_000, 20);
    assertThat(net.violations).as("seed %d", seed).isEmpty();
    assertThat(live).as("seed %d: every honest node decides %d heights", seed, HEIGHTS).isTrue();
  }
}
