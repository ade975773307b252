package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;

class BanListTest {
  private final AddressBookTest.ManualClock clock = new AddressBookTest.ManualClock();
  private final BanList bans = new BanList(clock, Duration.ofMinutes(10), 100, false);
  private final PublicKey key = PublicKey.of(new byte[32]);
  private final PublicKey otherKey =
      PublicKey.of(
          new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0
          });

  private static InetAddress ip(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
  }

  @Test
  void keyPointsAddUpToABanOfAddressAndKeyThatExpires() throws Exception {
    assertThat(bans.penalizeKey(key, ip(1), 60)).isFalse();
    assertThat(bans.isBanned(ip(1))).isFalse();
    assertThat(bans.penalizeKey(key, ip(1), 40)).isTrue();
    assertThat(bans.isBanned(ip(1))).isTrue();
    assertThat(bans.isBanned(key)).isTrue();
    assertThat(bans.isBanned(ip(2))).isFalse();

    clock.nanos += Duration.ofMinutes(10).toNanos();
    assertThat(bans.isBanned(ip(1))).isFalse();
    assertThat(bans.isBanned(key)).isFalse();
    assertThat(bans.penalizeKey(key, ip(1), 60)).as("points were reset by the ban").isFalse();
  }

  @Test
  void unauthenticatedOffencesChargeTheAddressOnly() throws Exception {
    assertThat(bans.penalizeIp(ip(1), 60)).isFalse();
    assertThat(bans.points(ip(1))).isEqualTo(60);
    assertThat(bans.penalizeIp(ip(1), 40)).isTrue();
    assertThat(bans.isBanned(ip(1))).isTrue();
    assertThat(bans.isBanned(key)).as("no key was ever charged").isFalse();
    assertThat(bans.points(key)).isZero();
  }

  @Test
  void keysCycledFromOneAddressGetTheAddressBanned() throws Exception {
    assertThat(bans.penalizeKey(key, ip(1), 60)).isFalse();
    assertThat(bans.penalizeKey(otherKey, ip(1), 60)).as("the address reached 120").isTrue();
    assertThat(bans.isBanned(ip(1))).isTrue();
    assertThat(bans.isBanned(key)).isFalse();
    assertThat(bans.isBanned(otherKey)).isFalse();
  }

  @Test
  void oldOffencesAreForgiven() throws Exception {
    bans.penalizeIp(ip(1), 90);
    clock.nanos += Duration.ofMinutes(11).toNanos();
    assertThat(bans.points(ip(1))).isZero();
    assertThat(bans.penalizeIp(ip(1), 20)).isFalse();
  }

  @Test
  void aFloodOfOffendersEvictsTheOldestPoints() throws Exception {
    bans.penalizeIp(ip(1), 90);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = {11, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
      bans.penalizeIp(InetAddress.getByAddress(a), 1);
    }
    assertThat(bans.penalizeIp(ip(1), 20)).as("ip(1)'s 90 points were evicted").isFalse();
    assertThat(bans.penalizeIp(ip(2), 100)).isTrue();
  }

  @Test
  void loopbackIsBannedByKeyOnlyUnlessConfigured() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertThat(bans.penalizeIp(loopback, 100)).as("an unbannable address").isFalse();
    assertThat(bans.penalizeKey(key, loopback, 100)).isTrue();
    assertThat(bans.isBanned(loopback)).isFalse();
    assertThat(bans.isBanned(key)).isTrue();
    assertThat(bans.penalizeKey(key, loopback, 1)).as("a banned key stays banned").isTrue();
    assertThat(bans.penalizeKey(otherKey, loopback, 1))
        .as("loopback's shared points never ban a key that did little")
        .isFalse();

    BanList strict = new BanList(clock, Duration.ofMinutes(10), 100, true);
    assertThat(strict.penalizeIp(loopback, 100)).isTrue();
    assertThat(strict.isBanned(loopback)).isTrue();
  }
}
