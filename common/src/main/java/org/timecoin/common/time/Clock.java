package org.timecoin.common.time;

/** Wall-clock and monotonic time, injected so tests can run on virtual time. */
public interface Clock {
  /** Milliseconds since the Unix epoch. */
  long wallMillis();

  /** Monotonic nanoseconds, only meaningful as differences. */
  long monoNanos();

  Clock SYSTEM =
      new Clock() {
        @Override
        public long wallMillis() {
          return System.currentTimeMillis();
        }

        @Override
        public long monoNanos() {
          return System.nanoTime();
        }
      };
}
