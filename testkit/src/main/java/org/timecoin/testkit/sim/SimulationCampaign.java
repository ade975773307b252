package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs many seeded simulations and aggregates their figures. Each run is single-threaded and
 * independent, so runs are spread over a pool; results are aggregated in seed order, so a campaign
 * gives the same figures whatever the thread count. Seeds are {@code firstSeed, firstSeed+1, ...}:
 * any run can be replayed alone with its seed.
 */
public final class SimulationCampaign {
  private SimulationCampaign() {}

  /** {@code seeds} runs (seeds 1..seeds) of {@code scenario} (a name, or "all"). */
  public static CampaignResult run(String scenario, int validators, int seeds) {
    return run(
        scenario,
        validators,
        1,
        seeds,
        SimOptions.DEFAULT,
        Runtime.getRuntime().availableProcessors(),
        r -> {});
  }

  /**
   * Runs every selected scenario for seeds {@code firstSeed .. firstSeed + seeds - 1} on {@code
   * threads} threads, passing each finished scenario's result to {@code progress}.
   */
  public static CampaignResult run(
      String scenario,
      int validators,
      long firstSeed,
      int seeds,
      SimOptions options,
      int threads,
      Consumer<CampaignResult> progress) {
    List<Scenario> selected = Scenarios.select(scenario);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<RunResult> all = new ArrayList<>();
      List<CampaignResult> rows = new ArrayList<>();
      for (Scenario s : selected) {
        List<RunResult> results = runSeeds(pool, s, validators, firstSeed, seeds, options);
        CampaignResult row = CampaignResult.of(s.name(), validators, results, List.of());
        progress.accept(row);
        rows.add(row);
        all.addAll(results);
      }
      if (selected.size() == 1) {
        return rows.get(0);
      }
      return CampaignResult.of(scenario, validators, all, rows);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<RunResult> runSeeds(
      ExecutorService pool,
      Scenario scenario,
      int validators,
      long firstSeed,
      int seeds,
      SimOptions options) {
    int chunk = Math.max(1, Math.min(50, seeds / 16));
    List<Future<List<RunResult>>> futures = new ArrayList<>();
    for (int from = 0; from < seeds; from += chunk) {
      long lo = firstSeed + from;
      long hi = firstSeed + Math.min(seeds, from + chunk);
      futures.add(
          pool.submit(
              () -> {
                List<RunResult> out = new ArrayList<>();
                for (long seed = lo; seed < hi; seed++) {
                  out.add(Simulation.run(scenario, validators, seed, options).result());
                }
                return out;
              }));
    }
    List<RunResult> results = new ArrayList<>(seeds);
    for (Future<List<RunResult>> f : futures) {
      try {
        results.addAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("campaign interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a simulation run crashed the harness", e.getCause());
      }
    }
    return results;
  }
}
