package org.timecoin.bench;

import java.time.Duration;
import org.timecoin.bench.VerifyThroughput.Limit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench sig-limit}: Ed25519 verifications per second, the floor of block validation. */
@Command(
    name = "sig-limit",
    mixinStandardHelpOptions = true,
    description = "Ed25519 verifications per second on 1 thread and on all cores.")
public final class SigLimitBench extends BenchCommand {
  @Option(names = "--warmup-ms", defaultValue = "2000", description = "Warm-up per thread count.")
  long warmupMs;

  @Option(names = "--measure-ms", defaultValue = "3000", description = "Window per thread count.")
  long measureMs;

  @Option(
      names = "--threads",
      description = "Threads for the all-cores figure (default: available processors).")
  Integer threads;

  @Option(
      names = "--jmh",
      description = "Also measure with JMH in a forked JVM (slower; a cross-check of the loop).")
  boolean jmh;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    int all = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    VerifyThroughput meter = new VerifyThroughput(clock, seed);
    progress.log("measuring Ed25519 verify on 1 and %d threads", all);
    Limit limit = meter.measure(all, Duration.ofMillis(warmupMs), Duration.ofMillis(measureMs));
    report.figure("verify_per_s_1t", limit.perSecond1t(), "/s", "Ed25519 verify, 1 thread");
    report.figure(
        "verify_per_s_all", limit.perSecondAll(), "/s", "Ed25519 verify, " + all + " threads");
    report.figure("threads", all, "", "threads for all cores");
    double cpuNanos = meter.cpuNanosPerVerify(2_000);
    report.figure(
        "verify_per_cpu_s", 1e9 / cpuNanos, "/s", "per CPU-second of one thread (load-proof)");
    report.figure(
        "limit_ms_per_1000", limit.millisFor(1000), "ms", "1000 verifications on all cores");
    if (jmh) {
      progress.log("cross-checking with JMH (forked JVM)");
      Class<?> verify = org.timecoin.bench.jmh.Ed25519VerifyJmh.class;
      report.figure(
          "jmh_verify_per_s_1t", JmhRunner.opsPerSecond(verify, 1, 3, 2), "/s", "JMH, 1 thread");
      report.figure(
          "jmh_verify_per_s_all",
          JmhRunner.opsPerSecond(verify, all, 3, 2),
          "/s",
          "JMH, " + all + " threads");
    }
  }
}
