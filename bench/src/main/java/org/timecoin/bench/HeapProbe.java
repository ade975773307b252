package org.timecoin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap after full collections, once two successive readings agree. */
final class HeapProbe {
  private static final long SETTLED_BYTES = 256 * 1024;
  private static final int MAX_COLLECTIONS = 8;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  /** Megabytes of live heap: collects until the reading settles (caches finish evicting). */
  double usedMbAfterGc() {
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < MAX_COLLECTIONS; i++) {
      System.gc();
      used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < SETTLED_BYTES) {
        break;
      }
      previous = used;
    }
    return used / (1024.0 * 1024.0);
  }
}
