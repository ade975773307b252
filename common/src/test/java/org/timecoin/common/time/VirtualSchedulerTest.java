package org.timecoin.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Scheduler.Cancellable;

class VirtualSchedulerTest {
  private final VirtualClock clock = new VirtualClock();
  private final VirtualScheduler scheduler = new VirtualScheduler(clock);

  @Test
  void runsEventsInTimeOrderAndAdvancesTheClock() {
    List<String> seen = new ArrayList<>();
    scheduler.schedule(Duration.ofMillis(30), () -> seen.add("c@" + clock.elapsedMillis()));
    scheduler.schedule(Duration.ofMillis(10), () -> seen.add("a@" + clock.elapsedMillis()));
    scheduler.schedule(Duration.ofMillis(20), () -> seen.add("b@" + clock.elapsedMillis()));

    scheduler.runUntil(Duration.ofMillis(25).toNanos());

    assertThat(seen).containsExactly("a@10", "b@20");
    assertThat(clock.elapsedMillis()).isEqualTo(25);
    scheduler.runFor(Duration.ofMillis(10));
    assertThat(seen).containsExactly("a@10", "b@20", "c@30");
  }

  @Test
  void tiesRunInSchedulingOrderByDefault() {
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      scheduler.scheduleAfterMillis(5, () -> seen.add(id));
    }
    while (scheduler.runNext()) {}
    assertThat(seen).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void seededTieBreakingIsReproducible() {
    assertThat(tieOrder(42)).isEqualTo(tieOrder(42)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(tieOrder(42)).isNotEqualTo(tieOrder(7));
  }

  private static List<Integer> tieOrder(long seed) {
    VirtualScheduler s = new VirtualScheduler(new VirtualClock(), new SplittableRandom(seed));
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int id = i;
      s.scheduleAfterMillis(1, () -> seen.add(id));
    }
    while (s.runNext()) {}
    return seen;
  }

  @Test
  void cancelledEventsDoNotRun() {
    List<String> seen = new ArrayList<>();
    Cancellable c = scheduler.scheduleAfterMillis(1, () -> seen.add("cancelled"));
    scheduler.scheduleAfterMillis(2, () -> seen.add("kept"));
    c.cancel();
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(seen).containsExactly("kept");
    assertThat(scheduler.executed()).isEqualTo(1);
  }

  @Test
  void eventsScheduledByEventsRunInTheSameRun() {
    List<Long> seen = new ArrayList<>();
    scheduler.scheduleAfterMillis(
        1, () -> scheduler.scheduleAfterMillis(1, () -> seen.add(clock.elapsedMillis())));
    scheduler.runFor(Duration.ofMillis(5));
    assertThat(seen).containsExactly(2L);
  }

  @Test
  void runUntilStopsWhenTheConditionHolds() {
    int[] count = {0};
    for (int i = 1; i <= 10; i++) {
      scheduler.scheduleAfterMillis(i, () -> count[0]++);
    }
    boolean stopped = scheduler.runUntil(Long.MAX_VALUE, () -> count[0] == 3);
    assertThat(stopped).isTrue();
    assertThat(clock.elapsedMillis()).isEqualTo(3);
  }

  @Test
  void runUntilEndsAtTheDeadlineWhenTheConditionNeverHolds() {
    scheduler.scheduleAfterMillis(50, () -> {});
    assertThat(scheduler.runUntil(Duration.ofMillis(20).toNanos(), () -> false)).isFalse();
    assertThat(clock.elapsedMillis()).isEqualTo(20);
    assertThat(scheduler.pending()).isEqualTo(1);
  }

  @Test
  void rejectsNegativeDelays() {
    assertThatThrownBy(() -> scheduler.scheduleAfterNanos(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void schedulingInThePastRunsNow() {
    scheduler.runFor(Duration.ofMillis(10));
    long[] at = {-1};
    scheduler.scheduleAt(0, () -> at[0] = clock.elapsedMillis());
    scheduler.runNext();
    assertThat(at[0]).isEqualTo(10);
  }
}
