package org.timecoin.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import org.timecoin.common.time.Clock;
import org.timecoin.node.consensus.ExecutorScheduler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One benchmark behind {@code bin/bench NAME}: runs, then prints its table to stdout and, with
 * {@code --json}, one JSON object as the very last line. Progress goes to stderr so stdout stays
 * parseable.
 */
public abstract class BenchCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
  protected boolean json;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of every random choice (keys, amounts), so runs are comparable.")
  protected long seed;

  protected final Clock clock = Clock.SYSTEM;

  /** The benchmarks' timer thread (a daemon, for the process's life). */
  private static final ExecutorScheduler TIMER = new ExecutorScheduler("bench-timer");

  /** Waits of a benchmark driver, on the timer rather than a sleeping thread. */
  protected final Pause pause = new Pause(TIMER);

  /** Runs the benchmark and fills {@code report}. */
  protected abstract void run(Report report, Progress progress) throws Exception;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(spec.commandLine().getErr(), clock);
    Report report = new Report(spec.name());
    double loadBefore = loadAverage();
    run(report, progress);
    // Other work on the machine skews every figure: say how busy it was.
    report.field("load_avg_start", loadBefore);
    report.field("load_avg_end", loadAverage());
    report.field("elapsed_s", progress.elapsedNanos() / 1e9);
    report.field("cores", Runtime.getRuntime().availableProcessors());
    report.field("java", Runtime.version().toString());
    report.printTable(out);
    if (json) {
      out.println(report.toJson());
    }
    out.flush();
    return 0;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
