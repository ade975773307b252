package org.timecoin.testkit.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/simulate}: replays one run, or runs a campaign.
 *
 * <pre>
 * bin/simulate --scenario NAME --seed S [--validators N] [--trace] [--ed25519]
 * bin/simulate --seeds K [--scenario NAME|all] [--validators N[,N...]] [--first-seed S]
 *              [--threads T] [--json] [--ed25519]
 * </pre>
 *
 * Exit status: 0 when every run passed, 1 when any failed (each failing run is printed with its
 * seed and scenario), 2 for a usage error.
 */
public final class SimulationRunner {
  private String scenario = Scenarios.ALL;
  private Long seed;
  private int seeds = 100;
  private long firstSeed = 1;
  private final List<Integer> validators = new ArrayList<>();
  private int threads = Runtime.getRuntime().availableProcessors();
  private boolean json;
  private boolean trace;
  private boolean ed25519;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line {@code args}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    SimulationRunner r = new SimulationRunner();
    try {
      r.parse(args);
      Scenarios.select(r.scenario); // fail early on an unknown name
    } catch (IllegalArgumentException e) {
      err.println("simulate: " + e.getMessage());
      err.println(
          "usage: simulate --scenario NAME --seed S [--validators N] [--trace] [--ed25519]\n"
              + "       simulate --seeds K [--scenario NAME|all] [--validators N[,N...]]"
              + " [--first-seed S] [--threads T] [--json] [--ed25519]\n"
              + "scenarios: "
              + String.join(", ", Scenarios.names())
              + ", all");
      return 2;
    }
    return r.seed != null ? r.replay(out) : r.campaign(out, err);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scenario" -> scenario = value(args, ++i, a);
        case "--seed" -> seed = parseLong(value(args, ++i, a), a);
        case "--seeds" -> seeds = (int) parseLong(value(args, ++i, a), a);
        case "--first-seed" -> firstSeed = parseLong(value(args, ++i, a), a);
        case "--validators" -> {
          for (String n : value(args, ++i, a).split(",")) {
            validators.add((int) parseLong(n.trim(), a));
          }
        }
        case "--threads" -> threads = (int) parseLong(value(args, ++i, a), a);
        case "--json" -> json = true;
        case "--trace" -> trace = true;
        case "--ed25519" -> ed25519 = true;
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (validators.isEmpty()) {
      validators.add(4);
    }
    for (int n : validators) {
      if (n < 1 || n > 100) {
        throw new IllegalArgumentException("--validators must be between 1 and 100, got " + n);
      }
    }
    if (seeds < 1 || threads < 1) {
      throw new IllegalArgumentException("--seeds and --threads must be positive");
    }
  }

  private int replay(PrintStream out) {
    SimOptions options = SimOptions.DEFAULT.withTrace(trace).withEd25519(ed25519);
    boolean allPassed = true;
    for (int n : validators) {
      for (Scenario s : Scenarios.select(scenario)) {
        Simulation.Traced t = Simulation.run(s, n, seed, options);
        t.trace().forEach(out::println);
        RunResult r = t.result();
        out.printf(
            "%s n=%d seed=%d: %s  heights=%d rounds=%d messages=%d max_wait_ms=%d"
                + " leader_recovery_ms=%s heal_rounds=%s replay_mismatches=%d virtual_ms=%d"
                + " events=%s%n",
            r.scenario(),
            n,
            r.seed(),
            r.passed() ? "PASS" : "FAIL",
            r.heightsFinalized(),
            r.roundChanges(),
            r.messages(),
            r.maxRoundWaitMs(),
            r.leaderCrashRecoveryMs(),
            r.healRecoveryRounds(),
            r.replayMismatches(),
            r.virtualMillis(),
            r.events());
        if (!r.passed()) {
          out.println(r.describeFailure());
          allPassed = false;
        }
      }
    }
    return allPassed ? 0 : 1;
  }

  private int campaign(PrintStream out, PrintStream err) {
    SimOptions options = SimOptions.DEFAULT.withEd25519(ed25519);
    List<CampaignResult> results = new ArrayList<>();
    for (int n : validators) {
      long started = System.nanoTime();
      CampaignResult c =
          SimulationCampaign.run(
              scenario,
              n,
              firstSeed,
              seeds,
              options,
              threads,
              row ->
                  err.printf(
                      "  %s n=%d: %d runs, %d safety, %d liveness%n",
                      row.scenario(),
                      n,
                      row.runs(),
                      row.safetyViolations(),
                      row.livenessFailures()));
      long wallMs = (System.nanoTime() - started) / 1_000_000L;
      out.print(c.toTable());
      out.printf(
          "n=%d: %d runs in %d ms of wall time; %d restarts whose WAL replay lost state%n",
          n, c.runs(), wallMs, c.replayMismatches());
      for (RunResult f : c.failures()) {
        out.println("FAILED " + f.describeFailure());
      }
      results.add(c);
    }
    if (json) {
      out.println(
          results.size() == 1
              ? results.get(0).toJson()
              : "{\"campaigns\":["
                  + String.join(",", results.stream().map(CampaignResult::toJson).toList())
                  + "]}");
    }
    return results.stream().allMatch(CampaignResult::passed) ? 0 : 1;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static long parseLong(String s, String flag) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " wants a number, got '" + s + "'");
    }
  }
}
