package org.timecoin.bench;

import java.time.Duration;
import org.timecoin.bench.VerifyThroughput.Limit;
import org.timecoin.common.time.Clock;
import picocli.CommandLine.Option;

/**
 * The short signature-limit measurement that every benchmark runs next to its own, so the ratio of
 * a figure to the limit holds on a busy or slow machine.
 */
public final class LimitOptions {
  @Option(
      names = "--limit-warmup-ms",
      defaultValue = "500",
      description = "Warm-up of the same-run Ed25519 limit, per thread count.")
  long warmupMs;

  @Option(
      names = "--limit-measure-ms",
      defaultValue = "1000",
      description = "Window of the same-run Ed25519 limit, per thread count.")
  long measureMs;

  @Option(
      names = "--limit-slice-ms",
      defaultValue = "300",
      description = "Window of the all-cores limit re-measured next to each measured iteration.")
  long sliceMs;

  /** A short all-cores measurement to pair with one iteration (the JIT is already warm). */
  double slicePerSecond(VerifyThroughput meter) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    return meter.perSecond(threads, Duration.ofMillis(sliceMs / 3), Duration.ofMillis(sliceMs));
  }

  VerifyThroughput meter(Clock clock, long seed) {
    return new VerifyThroughput(clock, seed);
  }

  Limit measure(Clock clock, long seed, Progress progress) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    progress.log("measuring the Ed25519 limit on 1 and %d threads", threads);
    Limit limit =
        meter(clock, seed)
            .measure(threads, Duration.ofMillis(warmupMs), Duration.ofMillis(measureMs));
    progress.log(
        "limit: %.0f/s on 1 thread, %.0f/s on %d",
        limit.perSecond1t(), limit.perSecondAll(), threads);
    return limit;
  }
}
