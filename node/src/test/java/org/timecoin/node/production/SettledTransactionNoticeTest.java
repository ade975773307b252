package org.timecoin.node.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;

class SettledTransactionNoticeTest {
  final VirtualClock clock = new VirtualClock();
  final VirtualScheduler scheduler = new VirtualScheduler(clock);
  final List<Long> notices = new ArrayList<>();
  final SettledTransactionNotice notice =
      new SettledTransactionNotice(
          clock,
          scheduler,
          Duration.ofMillis(200),
          () -> notices.add(clock.monoNanos() / 1_000_000));

  long nowMs() {
    return clock.monoNanos() / 1_000_000;
  }

  @Test
  void anAdmissionIsFollowedByANoticeOnceItSettled() {
    long start = nowMs();
    notice.admitted();
    scheduler.runFor(Duration.ofMillis(199));
    assertThat(notices).isEmpty();
    scheduler.runFor(Duration.ofMillis(1));
    assertThat(notices).containsExactly(start + 200);
    scheduler.runFor(Duration.ofSeconds(5));
    assertThat(notices).hasSize(1);
  }

  @Test
  void admissionsMeanwhileShareOneTimerAndTheLatestStillGetsItsNotice() {
    long start = nowMs();
    notice.admitted();
    scheduler.runFor(Duration.ofMillis(50));
    notice.admitted();
    scheduler.runFor(Duration.ofMillis(100));
    notice.admitted(); // at +150
    assertThat(scheduler.pending()).isEqualTo(1);
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(notices).containsExactly(start + 200, start + 350);
  }
}
