package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.RateLimit;
import org.timecoin.testkit.time.VirtualClock;

class PeerTxBudgetTest {
  final VirtualClock clock = new VirtualClock();
  final PeerTxBudget budget = new PeerTxBudget(new RateLimit(1_000, 1_000), clock);
  final PublicKey a = KeyPair.fromSeed(Sha256.digest(new byte[] {1})).publicKey();
  final PublicKey b = KeyPair.fromSeed(Sha256.digest(new byte[] {2})).publicKey();

  @Test
  void eachTransactionOfABatchCountsAndPeersHaveTheirOwnBudget() {
    assertThat(budget.take(a, 600)).isTrue();
    assertThat(budget.take(a, 600)).as("1,200 within a second").isFalse();
    assertThat(budget.take(a, 400)).isTrue();
    assertThat(budget.take(b, 1_000)).as("another peer's budget").isTrue();
    clock.advance(Duration.ofMillis(500));
    assertThat(budget.take(a, 500)).as("refilled at 1,000/s").isTrue();
    assertThat(budget.take(a, 1)).isFalse();
  }

  @Test
  void aForgottenPeerStartsAfresh() {
    assertThat(budget.take(a, 1_000)).isTrue();
    assertThat(budget.take(a, 1)).isFalse();
    budget.forget(a);
    assertThat(budget.take(a, 1_000)).isTrue();
  }
}
