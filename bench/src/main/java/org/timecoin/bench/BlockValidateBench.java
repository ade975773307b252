package org.timecoin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.timecoin.bench.VerifyThroughput.Limit;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.BlockRules;
import org.timecoin.domain.validation.BlockValidator;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.StateRootCheck;
import org.timecoin.domain.validation.UtxoView;
import org.timecoin.domain.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench block-validate}: a block of 1-input, 2-output transactions validated against a
 * RocksDB UTXO set by the domain's {@link BlockValidator}, cold and warm.
 *
 * <p>Cold: the block arrives as bytes (decoded before the clock starts, so txids and signature
 * hashes are computed inside the measurement), the signature cache is empty, and its inputs have
 * never been read since the store was opened, so none is in the UTXO cache; RocksDB's block cache
 * and the OS page cache are as the previous iterations left them. Warm: the same block decoded
 * again from its bytes, with every signature cached and every input in the UTXO cache.
 */
@Command(
    name = "block-validate",
    mixinStandardHelpOptions = true,
    description = "Cold and warm validation of a block against a RocksDB UTXO set.")
public final class BlockValidateBench extends BenchCommand {
  @Option(names = "--txs", defaultValue = "1000", description = "Transactions per block.")
  int txs;

  @Option(names = "--utxos", defaultValue = "1000000", description = "UTXOs in the store.")
  long utxos;

  @Option(names = "--iterations", defaultValue = "20", description = "Cold blocks measured.")
  int iterations;

  @Option(names = "--warm-repeats", defaultValue = "3", description = "Warm runs per block.")
  int warmRepeats;

  @Option(names = "--warmup-blocks", defaultValue = "5", description = "Unmeasured JIT warm-up.")
  int warmupBlocks;

  @Option(
      names = "--memo-state-root",
      description =
          "Remember each block's state root by block hash, so warm runs skip the LtHash work.")
  boolean memoStateRoot;

  @Mixin StoreOptions store;

  @Mixin LimitOptions limitOptions;

  private Fixture fixture;
  private SpendOrder order;
  private final SplittableRandom random = new SplittableRandom(1);

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    long needed = (long) (warmupBlocks + 2L * iterations) * txs;
    if (needed > utxos) {
      throw new IllegalArgumentException(
          "need " + needed + " UTXOs for the blocks to spend: raise --utxos or lower --iterations");
    }
    fixture = new Fixture(seed, store.keys);
    order = new SpendOrder(utxos, seed);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            cores, Thread.ofPlatform().name("validation-", 0).daemon().factory());
    try (TempDir dir = TempDir.create(store.dir, "bench-validate-");
        BenchChain chain = BenchChain.create(dir.path().resolve("db"), store.cacheBytes(), clock)) {
      progress.log("loading %,d UTXOs owned by %,d keys", utxos, store.keys);
      Stopwatch load = Stopwatch.start(clock);
      chain.load(utxos, store.loadChunk, fixture::initialUtxo, progress);
      report.field("load_s", load.elapsedMs() / 1000);
      chain.reopen();

      SignatureCache signatureCache = new SignatureCache(1_000_000);
      BlockValidator validator = new BlockValidator(pool, cores, signatureCache);
      ValidationTimeline timeline =
          new ValidationTimeline(
              clock,
              chain.store().utxos()::getAll,
              delta -> chain.store().prepare(delta.created(), delta.spent()).stateRoot());
      UtxoView view = timeline.view();
      MemoStateRoot memo = new MemoStateRoot(timeline.stateRoot());
      StateRootCheck stateRoot = memoStateRoot ? memo : timeline.stateRoot();
      BlockContext ctx = chain.context();

      progress.log("warming up on %d blocks", warmupBlocks);
      for (int i = 0; i < warmupBlocks; i++) {
        Block block = receivedBlock(chain);
        memo.validating(block.hash());
        validate(validator, block, ctx, view, stateRoot);
        validate(validator, block, ctx, view, stateRoot);
      }

      Limit before = limitOptions.measure(clock, seed, progress);
      VerifyThroughput meter = limitOptions.meter(clock, seed);
      double sigCpuMs = txs * meter.cpuNanosPerVerify(2_000) / 1e6;
      progress.log(
          "measuring %d cold blocks of %,d txs, %d warm runs each, each next to a limit slice",
          iterations, txs, warmRepeats);
      Measured m = new Measured();
      for (int i = 0; i < iterations; i++) {
        measureBlock(
            receivedBlock(chain), meter, signatureCache, memo, validator, ctx, timeline, m);
      }
      progress.log("timing the steps apart on %d more blocks", iterations);
      Breakdown parts = breakdown(chain, ctx, iterations);

      fill(report, m, before, sigCpuMs, timeline, parts);
      var stats = chain.store().utxos().cacheStats();
      report.field("utxo_cache_hit_rate", stats.hitRate());

    } finally {
      pool.shutdownNow();
    }
  }

  /** What the measured blocks gave: wall and CPU times, limit slices and paired ratios. */
  private static final class Measured {
    final Samples cold = new Samples();
    final Samples warm = new Samples();
    final Samples coldCpu = new Samples();
    final Samples warmCpu = new Samples();
    final Samples limitSlices = new Samples();
    final Ratios coldRatios = new Ratios();
    final Ratios warmRatios = new Ratios();
    final CpuMeter cpu = new CpuMeter();
    long coldKeyLookups;
    long coldKeyHits;
  }

  /** One cold validation of {@code block}, then the warm repeats, next to a limit slice. */
  private void measureBlock(
      Block block,
      VerifyThroughput meter,
      SignatureCache signatureCache,
      MemoStateRoot memo,
      BlockValidator validator,
      BlockContext ctx,
      ValidationTimeline timeline,
      Measured m)
      throws Exception {
    // The limit right next to this block: a ratio that holds while the machine's load changes.
    double sliceLimitMs = txs / limitOptions.slicePerSecond(meter) * 1000.0;
    m.limitSlices.add(Math.round(sliceLimitMs * 1e6));
    signatureCache.clear();
    memo.validating(block.hash());
    var cpuBefore = m.cpu.snapshot();
    long lookupsBefore = signatureCache.keys().lookupCount();
    long hitsBefore = signatureCache.keys().hitCount();
    timeline.start();
    long coldNanos = validate(validator, block, ctx, timeline.view(), stateRoot(timeline, memo));
    timeline.record();
    m.coldCpu.add(m.cpu.since(cpuBefore));
    m.coldKeyLookups += signatureCache.keys().lookupCount() - lookupsBefore;
    m.coldKeyHits += signatureCache.keys().hitCount() - hitsBefore;
    m.cold.add(coldNanos);
    m.coldRatios.add(coldNanos / 1e6 / sliceLimitMs);
    for (int r = 0; r < warmRepeats; r++) {
      // The same block arriving again as bytes: txids are computed anew, but every signature is
      // cached (as after the mempool saw the transactions) and every input is cached.
      Block again = Block.CODEC.decode(Block.CODEC.encode(block));
      var warmCpuBefore = m.cpu.snapshot();
      long warmNanos = validate(validator, again, ctx, timeline.view(), stateRoot(timeline, memo));
      m.warmCpu.add(m.cpu.since(warmCpuBefore));
      m.warm.add(warmNanos);
      m.warmRatios.add(warmNanos / 1e6 / sliceLimitMs);
    }
  }

  private StateRootCheck stateRoot(ValidationTimeline timeline, MemoStateRoot memo) {
    return memoStateRoot ? memo : timeline.stateRoot();
  }

  private void fill(
      Report report,
      Measured m,
      Limit before,
      double sigCpuMs,
      ValidationTimeline timeline,
      Breakdown parts) {
    int cores = Runtime.getRuntime().availableProcessors();
    double limitMs = m.limitSlices.p50Ms();
    report.field("txs", txs).field("utxos", utxos).field("iterations", iterations);
    report.field("memo_state_root", memoStateRoot);
    report.figure("cold_ms_p50", m.cold.p50Ms(), "ms", "cold validation, p50");
    report.figure("cold_ms_p99", m.cold.p99Ms(), "ms", "cold validation, p99");
    report.figure("warm_ms_p50", m.warm.p50Ms(), "ms", "warm validation, p50");
    report.figure("warm_ms_p99", m.warm.p99Ms(), "ms", "warm validation, p99");
    report.figure(
        "verify_per_s_1t", before.perSecond1t(), "/s", "Ed25519 verify, 1 thread (before)");
    report.figure(
        "verify_per_s_all",
        txs / limitMs * 1000.0,
        "/s",
        "Ed25519 verify, " + cores + " threads (p50 of slices)");
    report.figure("limit_ms", limitMs, "ms", txs + " verifications on all cores");
    report.figure("cold_over_limit", m.cold.p50Ms() / limitMs, "x", "cold p50 / limit");
    report.figure("warm_over_limit", m.warm.p50Ms() / limitMs, "x", "warm p50 / limit");
    report.figure(
        "cold_over_limit_paired", m.coldRatios.median(), "x", "p50 of cold / limit next to it");
    report.figure(
        "warm_over_limit_paired", m.warmRatios.median(), "x", "p50 of warm / limit next to it");
    report.figure("cold_cpu_ms_p50", m.coldCpu.p50Ms(), "ms", "CPU of cold validation (threads)");
    report.figure("warm_cpu_ms_p50", m.warmCpu.p50Ms(), "ms", "CPU of warm validation (threads)");
    report.figure("sig_cpu_ms", sigCpuMs, "ms", "CPU of " + txs + " verifications");
    report.figure(
        "cold_cpu_over_sig_cpu", m.coldCpu.p50Ms() / sigCpuMs, "x", "cold CPU / signature CPU");
    report.figure(
        "cold_decoded_keys_hit_ratio",
        m.coldKeyLookups == 0 ? 0 : (double) m.coldKeyHits / m.coldKeyLookups,
        "",
        "  cold: inputs whose key an earlier input of the block had decoded");
    report.figure(
        "cold_lookup_done_ms_p50", timeline.lookupDone.p50Ms(), "ms", "  cold: inputs fetched at");
    report.figure(
        "cold_state_root_start_ms_p50",
        timeline.stateRootStart.p50Ms(),
        "ms",
        "  cold: state root started at");
    report.figure(
        "cold_state_root_done_ms_p50",
        timeline.stateRootDone.p50Ms(),
        "ms",
        "  cold: state root done at");
    report.figure("structure_ms_p50", parts.structure.p50Ms(), "ms", "  structure + merkle");
    report.figure("utxo_lookup_ms_p50", parts.lookup.p50Ms(), "ms", "  cold UTXO multi-get");
    report.figure("state_root_ms_p50", parts.stateRoot.p50Ms(), "ms", "  state root (LtHash)");
    report.field("limit_slices_ms_min_max", List.of(m.limitSlices.minMs(), m.limitSlices.maxMs()));
    report.goalAtMost(
        "cold_within_limit", "cold p50 <= 1.25 x limit_ms", m.cold.p50Ms(), 1.25 * limitMs);
    report.goalAtMost("cold_under_100ms", "cold p50 < 100 ms", m.cold.p50Ms(), 100);
    report.goalAtMost("warm_under_10ms", "warm p50 <= 10 ms", m.warm.p50Ms(), 10);
  }

  /** A fresh block of never-spent inputs, as it comes off the wire (decoded, nothing cached). */
  private Block receivedBlock(BenchChain chain) {
    List<Transaction> list = new ArrayList<>(txs);
    List<Utxo> spent = new ArrayList<>(txs);
    long timestamp = chain.nextTimestamp();
    for (int i = 0; i < txs; i++) {
      Utxo u = fixture.initialUtxo(order.next());
      spent.add(u);
      list.add(fixture.spend(u, timestamp, true, random));
    }
    Block built = chain.build(list, spent, List.of()).block();
    // Building prepared the state update on this store; a node that receives the block has not.
    chain.store().discardPrepared();
    return Block.CODEC.decode(Block.CODEC.encode(built));
  }

  private long validate(
      BlockValidator validator,
      Block block,
      BlockContext ctx,
      UtxoView view,
      StateRootCheck stateRoot) {
    Stopwatch watch = Stopwatch.start(clock);
    ValidationResult result = validator.validate(block, ctx, view, stateRoot).join();
    long nanos = watch.elapsedNanos();
    if (!result.isValid()) {
      throw new IllegalStateException("benchmark block is invalid: " + result);
    }
    return nanos;
  }

  private record Breakdown(Samples structure, Samples lookup, Samples stateRoot) {}

  /** Times the non-signature steps one by one, single-threaded, on fresh blocks. */
  private Breakdown breakdown(BenchChain chain, BlockContext ctx, int blocks) {
    Breakdown parts = new Breakdown(new Samples(), new Samples(), new Samples());
    for (int i = 0; i < blocks; i++) {
      Block block = receivedBlock(chain);
      Stopwatch s = Stopwatch.start(clock);
      BlockRules rules = new BlockRules(block, ctx);
      ValidationResult structure = rules.checkStructure();
      parts.structure.add(s.elapsedNanos());
      if (!structure.isValid()) {
        throw new IllegalStateException("benchmark block is invalid: " + structure);
      }
      Stopwatch l = Stopwatch.start(clock);
      var found = chain.store().utxos().getAll(rules.externalInputs()).join();
      parts.lookup.add(l.elapsedNanos());
      ValidationResult inputs = rules.checkInputs(found, java.util.Set.of());
      if (!inputs.isValid()) {
        throw new IllegalStateException("benchmark block is invalid: " + inputs);
      }
      Stopwatch r = Stopwatch.start(clock);
      chain.store().prepare(inputs.delta().created(), inputs.delta().spent());
      parts.stateRoot.add(r.elapsedNanos());
    }
    return parts;
  }
}
