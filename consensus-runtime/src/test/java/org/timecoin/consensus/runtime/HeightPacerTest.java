package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;

/** When the next height starts: the block interval counts from the decided height's start. */
class HeightPacerTest {
  final VirtualClock clock = new VirtualClock();
  final VirtualScheduler scheduler = new VirtualScheduler(clock);
  final List<Long> started = new ArrayList<>();
  boolean transactionsWaiting = true;
  final HeightPacer pacer =
      new HeightPacer(
          ConsensusConfig.DEFAULT.withBlockIntervals(Duration.ofSeconds(1), Duration.ofSeconds(10)),
          clock,
          scheduler,
          () -> transactionsWaiting,
          (what, task) -> task.run(),
          started::add);

  long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  @Test
  void aHeightDecidedAfter400MsIsFollowed600MsLaterNotASecondLater() {
    long start = clock.monoNanos();
    clock.advance(Duration.ofMillis(400));
    pacer.awaitHeight(2, start, clock.monoNanos());
    scheduler.runFor(Duration.ofMillis(599));
    assertThat(started).isEmpty();
    scheduler.runFor(Duration.ofMillis(1));
    assertThat(started).containsExactly(2L);
  }

  @Test
  void aHeightThatTookLongerThanTheIntervalIsFollowedAtOnceWhenTransactionsWait() {
    long start = clock.monoNanos();
    clock.advance(Duration.ofMillis(1_500));
    pacer.awaitHeight(2, start, clock.monoNanos());
    assertThat(started).containsExactly(2L);
  }

  @Test
  void withoutTransactionsTheEmptyIntervalCountsFromTheDecision() {
    transactionsWaiting = false;
    long start = clock.monoNanos();
    clock.advance(Duration.ofMillis(400));
    pacer.awaitHeight(2, start, clock.monoNanos());
    scheduler.runFor(Duration.ofMillis(9_999));
    assertThat(started).isEmpty();
    scheduler.runFor(Duration.ofMillis(1));
    assertThat(started).containsExactly(2L);
  }
}
