package org.timecoin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.UtxoCacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench utxo-memory}: applies many transactions in blocks with a fixed UTXO cache budget and
 * samples the live heap (after full collections) as the UTXO set grows. Each transaction spends the
 * change output of a transaction of the previous block and leaves its payment output unspent, so
 * the set grows by one UTXO per transaction while the spent outputs are the freshly cached ones.
 */
@Command(
    name = "utxo-memory",
    mixinStandardHelpOptions = true,
    description = "Heap after GC while applying transactions with a fixed UTXO cache budget.")
public final class UtxoMemoryBench extends BenchCommand {
  @Option(names = "--txs", defaultValue = "1000000", description = "Transactions applied.")
  long txs;

  @Option(names = "--block-txs", defaultValue = "1000", description = "Transactions per block.")
  int blockTxs;

  @Option(
      names = "--sample-every",
      defaultValue = "100000",
      description = "Transactions between heap samples.")
  long sampleEvery;

  @Mixin StoreOptions store;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Fixture fixture = new Fixture(seed, store.keys);
    SplittableRandom random = new SplittableRandom(seed);
    HeapProbe heap = new HeapProbe();
    try (TempDir dir = TempDir.create(store.dir, "bench-memory-");
        BenchChain chain = BenchChain.create(dir.path().resolve("db"), store.cacheBytes(), clock)) {
      chain.load(blockTxs, store.loadChunk, fixture::initialUtxo, progress);
      List<Utxo> spendable = new ArrayList<>(blockTxs);
      for (int i = 0; i < blockTxs; i++) {
        spendable.add(fixture.initialUtxo(i));
      }
      List<Long> atTxs = new ArrayList<>();
      List<Double> heapMb = new ArrayList<>();
      List<Double> cacheMb = new ArrayList<>();
      List<Boolean> cacheFull = new ArrayList<>();
      Map<String, Double> rssMb = new LinkedHashMap<>();
      long applied = 0;
      sample(heap, chain, 0, atTxs, heapMb, cacheMb, cacheFull, rssMb, progress);
      while (applied < txs) {
        int n = (int) Math.min(blockTxs, txs - applied);
        List<Transaction> list = new ArrayList<>(n);
        List<Utxo> spent = new ArrayList<>(n);
        long timestamp = chain.nextTimestamp();
        for (int i = 0; i < n; i++) {
          Utxo u = spendable.get(i);
          spent.add(u);
          list.add(fixture.spend(u, timestamp, false, random));
        }
        PendingBlock block = chain.build(list, spent, List.of());
        chain.apply(block);
        long height = block.block().height();
        for (int i = 0; i < n; i++) {
          spendable.set(i, Fixture.outputsOf(list.get(i), height).get(1));
        }
        applied += n;
        if (applied % sampleEvery == 0 || applied == txs) {
          sample(heap, chain, applied, atTxs, heapMb, cacheMb, cacheFull, rssMb, progress);
        }
      }
      double slope = slopeOnceFull(atTxs, heapMb, cacheFull);

      Map<String, Double> series = new LinkedHashMap<>();
      for (int i = 0; i < atTxs.size(); i++) {
        series.put(String.valueOf(atTxs.get(i)), heapMb.get(i));
      }
      report.field("txs", txs).field("cache_mb", store.cacheMb);
      report.field("heap_mb_after_gc", series);
      report.field("utxo_cache_mb", cacheMb);
      report.field("rss_mb", rssMb);
      report.figure("heap_mb_start", heapMb.get(0), "MiB", "heap after GC before any block");
      report.figure(
          "heap_mb_end", heapMb.get(heapMb.size() - 1), "MiB", "heap after GC at the end");
      report.figure(
          "growth_mb_per_10k_tx", slope, "MiB", "heap growth per 10K txs once cache is full");
      report.figure("db_mb", dir.sizeBytes() / (1024.0 * 1024.0), "MiB", "database on disk");
      report.goalAtMost(
          "growth_under_1mb_per_10k",
          "heap growth <= 1 MB per 10K txs (cache full)",
          Double.isNaN(slope) ? Double.POSITIVE_INFINITY : slope,
          1.0);
    }
  }

  private void sample(
      HeapProbe heap,
      BenchChain chain,
      long applied,
      List<Long> atTxs,
      List<Double> heapMb,
      List<Double> cacheMb,
      List<Boolean> cacheFull,
      Map<String, Double> rssMb,
      Progress progress) {
    double used = heap.usedMbAfterGc();
    UtxoCacheStats stats = chain.store().utxos().cacheStats();
    double cache = stats.estimatedBytes() / (1024.0 * 1024.0);
    atTxs.add(applied);
    heapMb.add(used);
    cacheMb.add(cache);
    // Full: within one block's worth of entries of the budget.
    cacheFull.add(cache >= store.cacheMb * 0.95);
    double rss = residentMb();
    rssMb.put(String.valueOf(applied), rss);
    progress.log(
        "%,d txs: heap %.1f MiB after GC, UTXO cache %.1f MiB, RSS %.0f MiB",
        applied, used, cache, rss);
  }

  /**
   * Least-squares slope of heap over transactions, in MiB per 10K, over the samples taken once the
   * cache was full; NaN with fewer than two such samples.
   */
  static double slopeOnceFull(List<Long> atTxs, List<Double> heapMb, List<Boolean> full) {
    int first = full.indexOf(true);
    if (first < 0 || atTxs.size() - first < 2) {
      return Double.NaN;
    }
    int n = atTxs.size() - first;
    double mx = 0;
    double my = 0;
    for (int i = first; i < atTxs.size(); i++) {
      mx += atTxs.get(i);
      my += heapMb.get(i);
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = first; i < atTxs.size(); i++) {
      double dx = atTxs.get(i) - mx;
      sxy += dx * (heapMb.get(i) - my);
      sxx += dx * dx;
    }
    return sxy / sxx * 10_000;
  }

  /** Resident set size of this process (heap, RocksDB's native memory, code), or NaN. */
  private static double residentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
