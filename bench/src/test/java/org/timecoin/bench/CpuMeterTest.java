package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
  private final CpuMeter cpu = new CpuMeter();
  private static volatile long sink;

  @Test
  void aThreadThatEndsDuringTheIntervalDoesNotMakeTheSumNegative() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    sink = pool.submit(CpuMeterTest::burn).get();
    Map<Long, Long> before = cpu.snapshot();

    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(cpu.since(before)).isGreaterThanOrEqualTo(0);
  }

  @Test
  void workOnTheCallingThreadIsCounted() {
    Map<Long, Long> before = cpu.snapshot();
    long own = cpu.currentThreadNanos();

    sink = burn();

    long used = cpu.currentThreadNanos() - own;
    assertThat(used).isPositive();
    assertThat(cpu.since(before)).isGreaterThanOrEqualTo(used);
  }

  private static long burn() {
    long x = 1;
    for (int i = 0; i < 20_000_000; i++) {
      x = x * 31 + i;
    }
    return x;
  }
}
