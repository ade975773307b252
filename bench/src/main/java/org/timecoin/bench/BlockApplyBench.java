package org.timecoin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.UtxoCacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench block-apply}: successive blocks written through {@code ChainStore.applyBlock} (one
 * atomic batch each: block, certificate, indexes, UTXO puts and deletes, tip, commitment), against
 * a plain RocksDB batch of exactly the same puts and deletes, written right after each block to the
 * same database with the same options. Transactions carry random 64-byte signatures: applying does
 * not verify them (validation does, see block-validate), and random bytes compress like real ones.
 */
@Command(
    name = "block-apply",
    mixinStandardHelpOptions = true,
    description = "Time to apply each block atomically, against a raw batch of the same writes.")
public final class BlockApplyBench extends BenchCommand {
  @Option(names = "--txs", defaultValue = "1000", description = "Transactions per block.")
  int txs;

  @Option(names = "--utxos", defaultValue = "1000000", description = "Initial UTXOs.")
  long utxos;

  @Option(names = "--blocks", defaultValue = "200", description = "Blocks applied and measured.")
  int blocks;

  @Option(names = "--warmup-blocks", defaultValue = "10", description = "Unmeasured JIT warm-up.")
  int warmupBlocks;

  @Option(
      names = "--prepared",
      description =
          "Apply with the state update computed beforehand (as after validation) instead of"
              + " letting applyBlock hash the changes.")
  boolean prepared;

  @Mixin StoreOptions store;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    long needed = (long) (warmupBlocks + blocks) * txs;
    if (needed > utxos) {
      throw new IllegalArgumentException(
          "need " + needed + " initial UTXOs to spend: raise --utxos or lower --blocks");
    }
    Fixture fixture = new Fixture(seed, store.keys);
    SpendOrder order = new SpendOrder(utxos, seed);
    SplittableRandom random = new SplittableRandom(seed);
    try (TempDir dir = TempDir.create(store.dir, "bench-apply-");
        BenchChain chain = BenchChain.create(dir.path().resolve("db"), store.cacheBytes(), clock)) {
      progress.log("loading %,d UTXOs owned by %,d keys", utxos, store.keys);
      Stopwatch load = Stopwatch.start(clock);
      chain.load(utxos, store.loadChunk, fixture::initialUtxo, progress);
      double loadSeconds = load.elapsedMs() / 1000;
      chain.reopen();

      Samples apply = new Samples();
      Samples raw = new Samples();
      Samples commitment = new Samples();
      Samples applyCpu = new Samples();
      Samples rawCpu = new Samples();
      CpuMeter cpu = new CpuMeter();
      long writes = 0;
      Stopwatch measured = null;
      progress.log(
          "applying %d warm-up + %d measured blocks of %,d txs", warmupBlocks, blocks, txs);
      for (int b = 0; b < warmupBlocks + blocks; b++) {
        if (b == warmupBlocks) {
          measured = Stopwatch.start(clock);
        }
        List<Transaction> list = new ArrayList<>(txs);
        List<Utxo> spent = new ArrayList<>(txs);
        long timestamp = chain.nextTimestamp();
        for (int i = 0; i < txs; i++) {
          Utxo u = fixture.initialUtxo(order.next());
          spent.add(u);
          list.add(fixture.spend(u, timestamp, false, random));
        }
        PendingBlock block = chain.build(list, spent, List.of());

        var cpuBefore = cpu.snapshot();
        Stopwatch a = Stopwatch.start(clock);
        if (prepared) {
          chain.applyPrepared(block);
        } else {
          chain.apply(block);
        }
        long applyNanos = a.elapsedNanos();
        long applyCpuNanos = cpu.since(cpuBefore);

        List<RecordingKvStore.Write> same = chain.kv().lastWrites();
        var rawCpuBefore = cpu.snapshot();
        Stopwatch r = Stopwatch.start(clock);
        chain.kv().writeRaw(same);
        long rawNanos = r.elapsedNanos();
        long rawCpuNanos = cpu.since(rawCpuBefore);

        if (b >= warmupBlocks) {
          apply.add(applyNanos);
          raw.add(rawNanos);
          applyCpu.add(applyCpuNanos);
          rawCpu.add(rawCpuNanos);
          commitment.add(block.prepareNanos());
          writes += same.size();
        }
        if ((b + 1) % 50 == 0) {
          progress.log(
              "block %d: apply %.1f ms, raw batch %.1f ms",
              b + 1, applyNanos / 1e6, rawNanos / 1e6);
        }
      }
      double measuredSeconds = measured.elapsedMs() / 1000;
      UtxoCacheStats stats = chain.store().utxos().cacheStats();

      report.field("txs", txs).field("utxos", utxos).field("blocks", blocks);
      report.field("cache_mb", store.cacheMb).field("prepared", prepared);
      report.figure("apply_ms_p50", apply.p50Ms(), "ms", "applyBlock, p50");
      report.figure("apply_ms_p99", apply.p99Ms(), "ms", "applyBlock, p99");
      report.figure("rocksdb_batch_ms_p50", raw.p50Ms(), "ms", "raw WriteBatch, same writes, p50");
      report.figure("rocksdb_batch_ms_p99", raw.p99Ms(), "ms", "raw WriteBatch, same writes, p99");
      report.figure("apply_over_batch", apply.p50Ms() / raw.p50Ms(), "x", "apply p50 / raw p50");
      report.figure("apply_cpu_ms_p50", applyCpu.p50Ms(), "ms", "CPU of applyBlock (threads)");
      report.figure("rocksdb_batch_cpu_ms_p50", rawCpu.p50Ms(), "ms", "CPU of the raw batch");
      report.figure(
          "apply_cpu_over_batch_cpu",
          applyCpu.p50Ms() / rawCpu.p50Ms(),
          "x",
          "apply CPU / raw batch CPU");
      report.figure(
          "commitment_ms_p50", commitment.p50Ms(), "ms", "state commitment of a block (prepare)");
      report.figure("writes_per_block", writes / (double) blocks, "", "puts+deletes per block");
      report.figure("load_s", loadSeconds, "s", "initial load");
      report.figure("measured_s", measuredSeconds, "s", "all measured blocks (build+apply+raw)");
      report.figure("db_mb", dir.sizeBytes() / (1024.0 * 1024.0), "MiB", "database on disk");
      report.field("utxo_cache_hit_rate", stats.hitRate());
      report.field("utxo_cache_mb", stats.estimatedBytes() / (1024.0 * 1024.0));

      report.goalAtMost(
          "apply_within_2x_batch",
          "apply p50 <= 2 x raw batch p50",
          apply.p50Ms(),
          2 * raw.p50Ms());
      report.goal(
          "completes",
          "completes with " + utxos + " UTXOs, cache " + store.cacheMb + " MiB",
          true,
          String.format(
              java.util.Locale.ROOT,
              "load %.0f s, total %.0f s",
              loadSeconds,
              progress.elapsedNanos() / 1e9));
    }
  }
}
