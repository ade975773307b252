package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;

class PeerBudgetsTest {
  private static final int TYPE = 0x20;
  private static final RateLimit LIMIT = new RateLimit(1, 3);

  private final AddressBookTest.ManualClock clock = new AddressBookTest.ManualClock();
  private final PeerBudgets budgets = new PeerBudgets(clock, Duration.ofMinutes(10), 4, false);

  private static PublicKey key(int b) {
    byte[] k = new byte[32];
    k[0] = (byte) b;
    return PublicKey.of(k);
  }

  private static InetAddress ip(int b) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, (byte) (b >> 8), (byte) b});
  }

  private static int spendAll(PeerBudgets.Budget b, long now) {
    int n = 0;
    while (b.tryAcquire(TYPE, LIMIT, now)) {
      n++;
    }
    return n;
  }

  @Test
  void aKeysBudgetIsTheSameAcrossLookups() {
    assertThat(spendAll(budgets.forKey(key(1)), clock.nanos)).isEqualTo(3);
    assertThat(budgets.forKey(key(1)).tryAcquire(TYPE, LIMIT, clock.nanos))
        .as("a second connection of the key finds the bucket spent")
        .isFalse();
    assertThat(budgets.forKey(key(2)).tryAcquire(TYPE, LIMIT, clock.nanos)).isTrue();
  }

  @Test
  void tokensComeBackAtTheLimitsRateOnly() {
    PeerBudgets.Budget b = budgets.forKey(key(1));
    spendAll(b, clock.nanos);
    clock.nanos += Duration.ofSeconds(1).toNanos();
    assertThat(spendAll(budgets.forKey(key(1)), clock.nanos)).isEqualTo(1);
  }

  @Test
  void anAddressMaySpendItsConnectionsWorth() throws Exception {
    assertThat(spendAll(budgets.forIp(ip(1)), clock.nanos)).isEqualTo(12);
    assertThat(budgets.forIp(ip(1)).tryAcquire(TYPE, LIMIT, clock.nanos)).isFalse();
  }

  @Test
  void typesHaveSeparateBucketsAndUnlimitedTypesNeverRunOut() {
    PeerBudgets.Budget b = budgets.forKey(key(1));
    spendAll(b, clock.nanos);
    assertThat(b.tryAcquire(TYPE + 1, LIMIT, clock.nanos)).isTrue();
    for (int i = 0; i < 1000; i++) {
      assertThat(b.tryAcquire(TYPE + 2, RateLimit.UNLIMITED, clock.nanos)).isTrue();
    }
  }

  @Test
  void aBudgetIdleForTheWholeMemoryPeriodIsForgotten() {
    PeerBudgets.Budget slow = budgets.forKey(key(3));
    RateLimit never = new RateLimit(1e-9, 2);
    slow.tryAcquire(TYPE, never, clock.nanos);
    slow.tryAcquire(TYPE, never, clock.nanos);
    clock.nanos += Duration.ofMinutes(9).toNanos();
    assertThat(budgets.forKey(key(3)).tryAcquire(TYPE, never, clock.nanos)).isFalse();
    clock.nanos += Duration.ofMinutes(10).toNanos();
    assertThat(budgets.forKey(key(3)).tryAcquire(TYPE, never, clock.nanos))
        .as("forgotten after ten idle minutes")
        .isTrue();
  }

  @Test
  void floodsOfSubjectsStayBounded() throws Exception {
    for (int i = 0; i < PeerBudgets.MAX_TRACKED + 500; i++) {
      budgets.forIp(ip(i));
      byte[] k = new byte[32];
      k[0] = (byte) i;
      k[1] = (byte) (i >> 8);
      budgets.forKey(PublicKey.of(k));
    }
    assertThat(budgets.size()).isEqualTo(2 * PeerBudgets.MAX_TRACKED);
  }

  @Test
  void loopbackIsBudgetedPerKeyOnlyUnlessConfigured() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    PeerBudgets.Budget shared = budgets.forIp(loopback);
    for (int i = 0; i < 1000; i++) {
      assertThat(shared.tryAcquire(TYPE, LIMIT, clock.nanos)).isTrue();
    }
    PeerBudgets strict = new PeerBudgets(clock, Duration.ofMinutes(10), 4, true);
    assertThat(spendAll(strict.forIp(loopback), clock.nanos)).isEqualTo(12);
  }
}
