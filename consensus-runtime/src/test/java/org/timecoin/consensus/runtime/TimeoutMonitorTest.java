package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.consensus.Effect;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.TimeoutKind;

class TimeoutMonitorTest {
  private final VirtualClock clock = new VirtualClock();
  private final VirtualScheduler scheduler = new VirtualScheduler(clock);
  private final List<Input> posted = new ArrayList<>();
  private final TimeoutMonitor monitor =
      new TimeoutMonitor(
          scheduler,
          Duration.ofSeconds(30),
          posted::add,
          new RuntimeMetrics(new SimpleMeterRegistry(), () -> ConsensusStatus.NOT_STARTED));

  @Test
  void postsTimeoutElapsedWhenTheTimerFires() {
    monitor.schedule(
        new Effect.ScheduleTimeout(TimeoutKind.PREVOTE, 3, 1, Duration.ofMillis(1500)));
    scheduler.runFor(Duration.ofMillis(1499));
    assertThat(posted).isEmpty();
    scheduler.runFor(Duration.ofMillis(1));
    assertThat(posted).containsExactly(new Input.TimeoutElapsed(TimeoutKind.PREVOTE, 3, 1));
  }

  @Test
  void aTimeoutAboveTheCapWaitsOnlyTheCap() {
    monitor.schedule(
        new Effect.ScheduleTimeout(TimeoutKind.PROPOSE, 1, 90, Duration.ofSeconds(46)));
    scheduler.runFor(Duration.ofSeconds(30));
    assertThat(posted).hasSize(1);
  }

  @Test
  void timersOfEarlierRoundsAndHeightsAreCancelled() {
    monitor.schedule(new Effect.ScheduleTimeout(TimeoutKind.PROPOSE, 1, 0, Duration.ofSeconds(1)));
    monitor.schedule(new Effect.ScheduleTimeout(TimeoutKind.PROPOSE, 1, 1, Duration.ofSeconds(1)));
    monitor.schedule(new Effect.ScheduleTimeout(TimeoutKind.PROPOSE, 2, 0, Duration.ofSeconds(1)));
    monitor.cancelBefore(1, 1);
    assertThat(monitor.pendingCount()).isEqualTo(2);
    monitor.cancelBefore(2, 0);
    assertThat(monitor.pendingCount()).isEqualTo(1);
    scheduler.runFor(Duration.ofSeconds(2));
    assertThat(posted).containsExactly(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 2, 0));
    monitor.close();
    assertThat(monitor.pendingCount()).isZero();
  }
}
