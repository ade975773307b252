package org.timecoin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.Ed25519;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The physical limit of signature checking: Ed25519 verifications per second on a given number of
 * threads, through the call path of transaction validation: each check decodes a fresh {@link
 * PublicKey} from its 32 bytes (as decoding a transaction input does) and calls {@link
 * PublicKey#verify}, which decodes the curve point and verifies. Keys are distinct, so no cache of
 * a key's point carries over between checks. Every thread runs the same warm-up and measurement
 * window; the result is the total count over the window.
 */
public final class VerifyThroughput {
  /** Distinct (key, message, signature) triples, so no thread loops over one cached input. */
  private static final int TRIPLES = 4096;

  private final Clock clock;
  private final byte[][] publicKeys = new byte[TRIPLES][];
  private final byte[][] messages = new byte[TRIPLES][];
  private final byte[][] signatures = new byte[TRIPLES][];

  public VerifyThroughput(Clock clock, long seed) {
    this.clock = clock;
    Random random = new Random(seed);
    for (int i = 0; i < TRIPLES; i++) {
      byte[] priv = new byte[Ed25519.PRIVATE_KEY_SIZE];
      random.nextBytes(priv);
      // The 32-byte digest a transaction input signs.
      byte[] msg = new byte[32];
      random.nextBytes(msg);
      publicKeys[i] = Ed25519.publicKeyOf(priv);
      messages[i] = msg;
      signatures[i] = Ed25519.sign(priv, msg);
    }
  }

  /** The figures of one measurement. */
  public record Limit(double perSecond1t, double perSecondAll, int threads) {
    /** Milliseconds to verify {@code signatures} on all cores at the measured rate. */
    public double millisFor(int signatures) {
      return signatures / perSecondAll * 1000.0;
    }
  }

  /** Measures on one thread, then on {@code threads} threads. */
  public Limit measure(int threads, Duration warmup, Duration window) throws Exception {
    double one = perSecond(1, warmup, window);
    double all = perSecond(threads, warmup, window);
    return new Limit(one, all, threads);
  }

  /** Verifications per second summed over {@code threads} threads. */
  public double perSecond(int threads, Duration warmup, Duration window) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      long[] windowNanos = new long[1];
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * (TRIPLES / Math.max(1, threads));
        counts.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return loop(offset, windowNanos[0], warmup.toNanos(), window.toNanos());
                }));
      }
      ready.await();
      windowNanos[0] = clock.monoNanos();
      go.countDown();
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total / (window.toNanos() / 1e9);
    } finally {
      pool.shutdownNow();
      // Let the threads end here, not inside whatever is measured next.
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * CPU nanoseconds of one verification on the calling thread, over {@code count} of them (after as
   * many unmeasured ones): the cost of a signature independent of how busy the machine is.
   */
  public double cpuNanosPerVerify(int count) {
    CpuMeter cpu = new CpuMeter();
    for (int i = 0; i < count; i++) {
      verifyOrThrow(i);
    }
    long start = cpu.currentThreadNanos();
    for (int i = 0; i < count; i++) {
      verifyOrThrow(i);
    }
    return (cpu.currentThreadNanos() - start) / (double) count;
  }

  private void verifyOrThrow(int i) {
    int idx = i & (TRIPLES - 1);
    PublicKey key = PublicKey.CODEC.decode(publicKeys[idx]);
    if (!key.verify(messages[idx], signatures[idx])) {
      throw new IllegalStateException("a valid signature failed to verify");
    }
  }

  /** Verifies in a loop; counts only the verifications that finish inside the window. */
  private long loop(int offset, long startNanos, long warmupNanos, long windowNanos) {
    long windowStart = startNanos + warmupNanos;
    long windowEnd = windowStart + windowNanos;
    long counted = 0;
    int i = offset;
    while (true) {
      verifyOrThrow(i++);
      long now = clock.monoNanos();
      if (now >= windowEnd) {
        return counted;
      }
      if (now >= windowStart) {
        counted++;
      }
    }
  }
}
