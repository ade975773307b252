package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {
  final AtomicLong now = new AtomicLong();
  final AuthFailureLimiter limiter = new AuthFailureLimiter(3, now::get);

  @Test
  void anAddressIsBlockedAfterItsFailuresUntilTheMinuteEnds() throws Exception {
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.blocked(a)).isFalse();
      limiter.failed(a);
    }
    assertThat(limiter.blocked(a)).isTrue();
    assertThat(limiter.blocked(b)).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(59));
    assertThat(limiter.blocked(a)).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.blocked(a)).isFalse();
  }

  @Test
  void theTableForgetsTheOldestAddressWhenFull() throws Exception {
    InetAddress first = InetAddress.getByName("10.0.0.1");
    for (int i = 0; i < 3; i++) {
      limiter.failed(first);
    }
    for (int i = 0; i < 10_000; i++) {
      limiter.failed(InetAddress.getByAddress(new byte[] {11, 0, (byte) (i >> 8), (byte) i}));
    }
    assertThat(limiter.blocked(first)).isFalse();
  }
}
