package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffAndBucketTest {
  private static final long BASE = Duration.ofMillis(100).toNanos();
  private static final long MAX = Duration.ofSeconds(10).toNanos();

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 4L, 5L})
  void delayDoublesWithinJitterAndStopsAtTheCap(long seed) {
    Backoff backoff =
        new Backoff(Duration.ofNanos(BASE), Duration.ofNanos(MAX), new SplittableRandom(seed));
    for (int failures = 1; failures < 80; failures++) {
      long ceiling = Math.min(MAX, BASE << Math.min(failures - 1, 20));
      long delay = backoff.delayNanos(failures);
      assertThat(delay).as("seed %d failures %d", seed, failures).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void jitterSpreadsNodesThatFailedTogether() {
    Backoff a = new Backoff(Duration.ofNanos(BASE), Duration.ofNanos(MAX), new SplittableRandom(1));
    Backoff b = new Backoff(Duration.ofNanos(BASE), Duration.ofNanos(MAX), new SplittableRandom(2));
    assertThat(a.delayNanos(5)).isNotEqualTo(b.delayNanos(5));
  }

  @Test
  void bucketAllowsBurstThenRefillsAtTheRate() {
    long now = 1_000;
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 3), now);
    assertThat(bucket.tryAcquire(now)).isTrue();
    assertThat(bucket.tryAcquire(now)).isTrue();
    assertThat(bucket.tryAcquire(now)).isTrue();
    assertThat(bucket.tryAcquire(now)).isFalse();
    now += Duration.ofMillis(100).toNanos(); // one token at 10/s
    assertThat(bucket.tryAcquire(now)).isTrue();
    assertThat(bucket.tryAcquire(now)).isFalse();
    now += Duration.ofSeconds(60).toNanos(); // refill is capped at the burst
    int granted = 0;
    while (bucket.tryAcquire(now)) {
      granted++;
    }
    assertThat(granted).isEqualTo(3);
  }

  @Test
  void takingSeveralTokensIsAllOrNothing() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), 0);
    assertThat(bucket.tryAcquire(0, 6)).isFalse();
    assertThat(bucket.tryAcquire(0, 4)).isTrue();
    assertThat(bucket.tryAcquire(0, 2)).as("one left").isFalse();
    assertThat(bucket.tryAcquire(0, 1)).isTrue();
  }

  @Test
  void unlimitedBucketNeverRefuses() {
    TokenBucket bucket = new TokenBucket(RateLimit.UNLIMITED, 0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(bucket.tryAcquire(0)).isTrue();
    }
  }
}
