package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

class PeerTxBudgetTest {
  static final Duration KEEP = Duration.ofMinutes(10);
  final VirtualClock clock = new VirtualClock();
  final PeerTxBudget budget =
      new PeerTxBudget(new PeerTxBudget.Limits(1_000, 100_000, 2_000), KEEP, clock);
  final PublicKey a = key(1);
  final PublicKey b = key(2);
  final InetAddress ipA = ip("10.0.0.1");
  final InetAddress ipB = ip("10.0.0.2");

  static PublicKey key(int n) {
    return KeyPair.fromSeed(Sha256.digest(new byte[] {(byte) n})).publicKey();
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eachTransactionOfABatchCountsAndPeersHaveTheirOwnBudget() {
    assertThat(budget.take(a, ipA, 600, 1, 1)).isTrue();
    assertThat(budget.take(a, ipA, 600, 1, 1)).as("1,200 within a second").isFalse();
    assertThat(budget.take(a, ipA, 400, 1, 1)).isTrue();
    assertThat(budget.take(b, ipB, 1_000, 1, 1)).as("another peer's budget").isTrue();
    clock.advance(Duration.ofMillis(500));
    assertThat(budget.take(a, ipA, 500, 1, 1)).as("refilled at 1,000/s").isTrue();
    assertThat(budget.take(a, ipA, 1, 1, 1)).isFalse();
  }

  @Test
  void bytesAreCountedAsWellAsTransactions() {
    assertThat(budget.take(a, ipA, 1, 90_000, 1)).isTrue();
    assertThat(budget.take(a, ipA, 1, 20_000, 1)).as("110,000 bytes within a second").isFalse();
    assertThat(budget.take(a, ipA, 1, 10_000, 1)).isTrue();
  }

  @Test
  void inputsAreCountedAsWellAsTransactions() {
    assertThat(budget.take(a, ipA, 1, 1, 1_500)).isTrue();
    assertThat(budget.take(a, ipA, 1, 1, 600)).as("2,100 inputs within a second").isFalse();
    assertThat(budget.take(a, ipA, 1, 1, 500)).isTrue();
  }

  @Test
  void aRefusedBatchChargesNothing() {
    assertThat(budget.take(a, ipA, 900, 1, 1)).isTrue();
    assertThat(budget.take(a, ipA, 50, 1, 5_000)).as("too many inputs").isFalse();
    assertThat(budget.take(a, ipA, 100, 1, 1)).as("the 50 were not charged").isTrue();
  }

  @Test
  void theBudgetOutlivesAReconnectionUnderTheSameKey() {
    assertThat(budget.take(a, ipA, 1_000, 1, 1)).isTrue();
    // reconnects from another address: the key's budget is still spent
    assertThat(budget.take(a, ipB, 1, 1, 1)).isFalse();
  }

  @Test
  void freshKeysFromOneAddressShareTheAddressBudget() {
    int perAddress = 1_000 * PeerTxBudget.PEERS_PER_ADDRESS;
    int spent = 0;
    int n = 10;
    while (spent < perAddress) {
      assertThat(budget.take(key(n++), ipA, 1_000, 1, 1)).isTrue();
      spent += 1_000;
    }
    assertThat(budget.take(key(n), ipA, 1, 1, 1))
        .as("a fresh key from an address that used up its budget")
        .isFalse();
    assertThat(budget.take(key(n), ipB, 1, 1, 1)).as("the same key elsewhere").isTrue();
  }

  @Test
  void anAllowanceIsKeptForTheBanDurationAfterItsLastUseThenForgotten() {
    assertThat(budget.take(a, ipA, 1, 1, 1)).isTrue();
    clock.advance(KEEP.minusSeconds(1));
    assertThat(budget.trackedAddresses()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(budget.trackedAddresses()).isZero();
  }

  @Test
  void trackedKeysAndAddressesAreBounded() {
    for (int i = 0; i < PeerTxBudget.MAX_TRACKED + 500; i++) {
      byte[] addr = {10, 1, (byte) (i >> 8), (byte) i};
      try {
        budget.take(key(i % 256), InetAddress.getByAddress(addr), 1, 1, 1);
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(budget.trackedAddresses()).isLessThanOrEqualTo(PeerTxBudget.MAX_TRACKED);
  }
}
