package org.timecoin.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time consumed by all live Java threads (pools included; GC, JIT and RocksDB's native
 * background threads excluded). Unlike wall time it barely moves when other processes compete for
 * the cores, so ratios of CPU times stay meaningful on a busy machine.
 */
final class CpuMeter {
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  CpuMeter() {
    threads.setThreadCpuTimeEnabled(true);
  }

  /** Nanoseconds of CPU used so far by the Java threads alive now. */
  long totalNanos() {
    long sum = 0;
    for (long t : threads.getThreadCpuTime(threads.getAllThreadIds())) {
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  /** CPU nanoseconds of the calling thread. */
  long currentThreadNanos() {
    return threads.getCurrentThreadCpuTime();
  }
}
