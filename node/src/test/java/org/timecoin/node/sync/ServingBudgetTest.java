package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.sync.ServingBudget.Admission;

class ServingBudgetTest {
  final VirtualClock clock = new VirtualClock();
  final ServingBudget budget =
      new ServingBudget(100, 1_000, Duration.ofMinutes(10).toNanos(), clock);
  final PublicKey peer = SyncFixture.key(1);

  @Test
  void servesWhileTheBalanceIsPositiveThenDropsAndCounts() {
    assertThat(budget.admit(peer)).isEqualTo(Admission.SERVE);
    budget.charge(peer, 1_500);
    assertThat(budget.admit(peer)).isEqualTo(Admission.DROP);
    assertThat(budget.dropped()).isEqualTo(1);
    assertThat(budget.admit(SyncFixture.key(2))).isEqualTo(Admission.SERVE);
  }

  @Test
  void theBalanceRefillsAtTheRateUpToTheBurst() {
    budget.charge(peer, 1_500); // -500
    clock.advance(Duration.ofSeconds(5)); // 0: still nothing left
    assertThat(budget.admit(peer)).isEqualTo(Admission.DROP);
    clock.advance(Duration.ofSeconds(1));
    assertThat(budget.admit(peer)).isEqualTo(Admission.SERVE);
    clock.advance(Duration.ofHours(1));
    budget.charge(peer, 1_000);
    assertThat(budget.admit(peer)).isEqualTo(Admission.DROP); // the burst caps the refill
  }

  @Test
  void everyTwentiethDropInARowAsksForAPenalty() {
    budget.charge(peer, 1_000_000);
    for (int i = 1; i < ServingBudget.GROSS_DROPS; i++) {
      assertThat(budget.admit(peer)).isEqualTo(Admission.DROP);
    }
    assertThat(budget.admit(peer)).isEqualTo(Admission.DROP_AND_PENALIZE);
    assertThat(budget.admit(peer)).isEqualTo(Admission.DROP);
  }

  @Test
  void anIdleAccountIsForgottenOnlyAfterTheMemoryPeriod() {
    ServingBudget slow = new ServingBudget(1, 1_000, Duration.ofMinutes(10).toNanos(), clock);
    slow.charge(peer, 1_000_000);
    clock.advance(Duration.ofMinutes(9));
    assertThat(slow.admit(peer)).isEqualTo(Admission.DROP);
    clock.advance(Duration.ofMinutes(11));
    assertThat(slow.admit(peer)).isEqualTo(Admission.SERVE);
  }
}
