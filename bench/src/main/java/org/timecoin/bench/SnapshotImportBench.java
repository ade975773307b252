package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.EngineStats;
import org.timecoin.storage.snapshot.SnapshotKeeper;
import org.timecoin.storage.snapshot.SnapshotManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench snapshot-import}: builds a store holding many UTXOs, writes its chunked snapshot to
 * disk, then imports the chunks into an empty store from two threads (as a node fetching from peers
 * would) and finishes the import, which sums the chunks' hashes and commits. The import rate counts
 * the chunk imports and the finish together. The address index's files, merged rarely during the
 * import, are merged in the background after it: how long that takes is reported beside the rate.
 */
@Command(
    name = "snapshot-import",
    mixinStandardHelpOptions = true,
    description = "Chunked snapshot write and import of a large UTXO set, end to end.")
public final class SnapshotImportBench extends BenchCommand {
  @Option(names = "--utxos", defaultValue = "2000000", description = "UTXOs in the snapshot.")
  long utxos;

  @Option(names = "--threads", defaultValue = "2", description = "Threads importing chunks.")
  int threads;

  @Mixin StoreOptions store;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Fixture fixture = new Fixture(seed, store.keys);
    try (TempDir dir = TempDir.create(store.dir, "bench-snapshot-");
        BenchChain source =
            BenchChain.create(dir.path().resolve("source"), store.cacheBytes(), clock)) {
      source.load(utxos, store.loadChunk, fixture::initialUtxo, progress);
      ChainStore from = source.store();

      Stopwatch writing = Stopwatch.start(clock);
      SnapshotKeeper keeper = new SnapshotKeeper(dir.path().resolve("snapshots"), 1);
      SnapshotManifest m = keeper.write(from.snapshotSource());
      double writeS = writing.elapsedNanos() / 1e9;
      progress.log(
          "wrote %d chunks, %,d bytes (%.1f s)", m.chunks().size(), m.totalBytes(), writeS);

      long h = m.height();
      Block block = from.blocks().blockAt(h).orElseThrow();
      CommitCertificate cert = from.blocks().certificateAt(h).orElse(null);
      Map<Long, ValidatorSet> sets = new HashMap<>();
      for (long e = 0; from.registry().validatorSet(e).isPresent(); e++) {
        sets.put(e, from.registry().validatorSet(e).get());
      }

      Path targetDir = dir.path().resolve("target");
      try (ChainStore target =
          ChainStore.open(
              StorageConfig.defaults(targetDir).withUtxoCacheBytes(store.cacheBytes()),
              Fixture.CHAIN_ID)) {
        long processBefore = processCpuNanos();
        Stopwatch importing = Stopwatch.start(clock);
        target.beginChunkedImport(m);
        importChunks(target, keeper, m, progress);
        double chunksS = importing.elapsedNanos() / 1e9;
        target.finishChunkedImport(block, cert, sets);
        double totalS = importing.elapsedNanos() / 1e9;
        double processCpuS = (processCpuNanos() - processBefore) / 1e9;
        long settleBefore = processCpuNanos();
        Stopwatch settling = Stopwatch.start(clock);
        awaitNoCompaction(target);
        double settleS = settling.elapsedNanos() / 1e9;
        double settleCpuS = (processCpuNanos() - settleBefore) / 1e9;
        if (!target.stateRoot().equals(from.stateRoot())) {
          throw new IllegalStateException("the imported store's state root differs");
        }
        double rate = utxos / totalS;
        progress.log("imported %,d UTXOs in %.1f s (%.0f/s)", utxos, totalS, rate);
        report.field("utxos", utxos).field("chunks", m.chunks().size()).field("threads", threads);
        report.figure("snapshot_mb", m.totalBytes() / (1024.0 * 1024.0), "MiB", "chunks on disk");
        report.figure("write_s", writeS, "s", "cut and write the snapshot");
        report.figure("import_chunks_s", chunksS, "s", "verify and store every chunk");
        report.figure("finish_s", totalS - chunksS, "s", "merge the address index and commit");
        report.figure("import_utxo_per_s", rate, "UTXO/s", "import, chunks and finish");
        report.figure(
            "import_process_cpu_s", processCpuS, "s", "CPU of the import, RocksDB's threads too");
        report.figure(
            "import_utxo_per_cpu_s",
            utxos / processCpuS,
            "UTXO/s",
            "per second of CPU: barely" + " moves with other load");
        report.figure(
            "compaction_after_s", settleS, "s", "background merges after the import, until none");
        report.figure("compaction_after_cpu_s", settleCpuS, "s", "CPU of this process in them");
        report.goalAtLeast(
            "import_utxo_per_s", "snapshot import >= 500,000 UTXOs/s", rate, 500_000);
      }
    }
  }

  /** Waits (at most ten minutes) until the store has no compaction running or pending. */
  private void awaitNoCompaction(ChainStore store) throws InterruptedException {
    long deadline = clock.monoNanos() + Duration.ofMinutes(10).toNanos();
    while (true) {
      EngineStats s = store.engineStats().orElse(null);
      if (s == null || (!s.compactionPending() && s.runningCompactions() == 0)) {
        return;
      }
      if (clock.monoNanos() - deadline > 0) {
        throw new IllegalStateException("compactions still running ten minutes after the import");
      }
      pause.of(Duration.ofMillis(50));
    }
  }

  /** CPU time of this whole process, native threads included (RocksDB's flushes, compactions). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void importChunks(
      ChainStore target, SnapshotKeeper keeper, SnapshotManifest m, Progress progress) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < m.chunks().size(); i++) {
        int index = i;
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  byte[] bytes = keeper.chunk(m.height(), index).orElseThrow();
                  try {
                    target.importChunk(index, bytes);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  int n = done.incrementAndGet();
                  if (n % 10 == 0) {
                    progress.log("imported %d of %d chunks", n, m.chunks().size());
                  }
                },
                pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
  }
}
