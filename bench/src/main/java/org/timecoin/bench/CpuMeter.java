package org.timecoin.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time consumed by Java threads (pools included; GC, JIT and RocksDB's native background
 * threads excluded) over an interval. Unlike wall time it barely moves when other processes compete
 * for the cores, so ratios of CPU times stay meaningful on a busy machine.
 */
final class CpuMeter {
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  CpuMeter() {
    threads.setThreadCpuTimeEnabled(true);
  }

  /** CPU per live thread now, to pass to {@link #since}. */
  Map<Long, Long> snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] times = threads.getThreadCpuTime(ids);
    Map<Long, Long> out = HashMap.newHashMap(ids.length);
    for (int i = 0; i < ids.length; i++) {
      if (times[i] >= 0) {
        out.put(ids[i], times[i]);
      }
    }
    return out;
  }

  /**
   * CPU nanoseconds used since {@code before} by the threads alive now: per thread, so a thread
   * that ended meanwhile does not take its whole past CPU with it out of the sum.
   */
  long since(Map<Long, Long> before) {
    long sum = 0;
    for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
      sum += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return sum;
  }

  /** CPU nanoseconds of the calling thread. */
  long currentThreadNanos() {
    return threads.getCurrentThreadCpuTime();
  }
}
