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

  private static InetAddress ip(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
  }

  @Test
  void pointsAddUpToABanOfAddressAndKeyThatExpires() throws Exception {
    assertThat(bans.penalize(ip(1), key, 60)).isFalse();
    assertThat(bans.isBanned(ip(1))).isFalse();
    assertThat(bans.penalize(ip(1), key, 40)).isTrue();
    assertThat(bans.isBanned(ip(1))).isTrue();
    assertThat(bans.isBanned(key)).isTrue();
    assertThat(bans.isBanned(ip(2))).isFalse();

    clock.nanos += Duration.ofMinutes(10).toNanos();
    assertThat(bans.isBanned(ip(1))).isFalse();
    assertThat(bans.isBanned(key)).isFalse();
    assertThat(bans.penalize(ip(1), key, 60)).as("points were reset by the ban").isFalse();
  }

  @Test
  void oldOffencesAreForgiven() throws Exception {
    bans.penalize(ip(1), null, 90);
    clock.nanos += Duration.ofMinutes(11).toNanos();
    assertThat(bans.penalize(ip(1), null, 20)).isFalse();
  }

  @Test
  void aFloodOfOffendersEvictsTheOldestPoints() throws Exception {
    bans.penalize(ip(1), null, 90);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = {11, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
      bans.penalize(InetAddress.getByAddress(a), null, 1);
    }
    assertThat(bans.penalize(ip(1), null, 20)).as("ip(1)'s 90 points were evicted").isFalse();
    assertThat(bans.penalize(ip(2), null, 100)).isTrue();
  }

  @Test
  void loopbackIsBannedByKeyOnlyUnlessConfigured() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertThat(bans.penalize(loopback, key, 100)).isTrue();
    assertThat(bans.isBanned(loopback)).isFalse();
    assertThat(bans.isBanned(key)).isTrue();
    assertThat(bans.penalize(loopback, key, 1)).as("a banned key stays banned").isTrue();

    BanList strict = new BanList(clock, Duration.ofMinutes(10), 100, true);
    assertThat(strict.penalize(loopback, null, 100)).isTrue();
    assertThat(strict.isBanned(loopback)).isTrue();
  }
}
