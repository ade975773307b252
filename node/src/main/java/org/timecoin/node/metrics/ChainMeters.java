package org.timecoin.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.timecoin.consensus.runtime.ConsensusRuntime;
import org.timecoin.domain.crypto.DecodedKeys;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.chain.BlockWorkGate;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.AdmissionOutcomes;
import org.timecoin.node.mempool.AdmitResult;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.sync.BlockSync;

/** Meters over the chain, the mempool, block sync and the consensus runtime's queue. */
final class ChainMeters {
  /** Refusal codes shown from the start (others appear as they happen). */
  private static final List<String> KNOWN_CODES =
      List.of(
          AdmitResult.ALREADY_KNOWN,
          AdmitResult.CONFLICT,
          AdmitResult.FULL,
          AdmitResult.STALE,
          AdmitResult.BUSY,
          AdmitResult.FEE_RATE_TOO_LOW,
          AdmitResult.UNWANTED);

  private ChainMeters() {}

  static void bindChain(MeterRegistry r, LocalChain chain, ConsensusRuntime runtime) {
    Gauge.builder("chain.height", chain, LocalChain::height)
        .description("height of the stored tip")
        .register(r);
    FunctionTimer.builder(
            "storage.block.apply",
            chain,
            c -> c.applyStats().blocks(),
            c -> c.applyStats().totalNanos(),
            TimeUnit.NANOSECONDS)
        .description("atomic writes of finalized blocks to the store")
        .register(r);
    Gauge.builder("chain.block.work", chain.blockWork(), BlockWorkGate::running)
        .description("blocks being built, validated or stored now")
        .register(r);
    FunctionCounter.builder("mempool.admission.held", chain.blockWork(), BlockWorkGate::heldSeconds)
        .description("time admission threads waited for a block to be built, validated or stored")
        .baseUnit("seconds")
        .register(r);
    SignatureCache signatures = chain.signatures();
    FunctionCounter.builder(
            "validation.block.txs.cached", signatures, SignatureCache::blockTxsCached)
        .description("transactions of validated blocks whose signatures were verified before")
        .register(r);
    FunctionCounter.builder(
            "validation.block.txs.checked", signatures, SignatureCache::blockTxsChecked)
        .description("transactions of validated blocks whose signatures were checked with it")
        .register(r);
    DecodedKeys keys = signatures.keys();
    FunctionCounter.builder("validation.decoded.keys.lookups", keys, DecodedKeys::lookupCount)
        .description("public keys of signature checks looked up among the keys decoded lately")
        .register(r);
    FunctionCounter.builder("validation.decoded.keys.hits", keys, DecodedKeys::hitCount)
        .description("signature checks whose public key an earlier check had decoded")
        .register(r);
    Gauge.builder("consensus.queued.events", runtime, ConsensusRuntime::queuedEvents)
        .description("inputs waiting for the consensus owner thread")
        .register(r);
  }

  static void bindMempool(NodeMetrics metrics, Mempool mempool) {
    MeterRegistry r = metrics.registry();
    Gauge.builder("mempool.transactions", mempool, Mempool::size)
        .description("transactions waiting in the mempool")
        .register(r);
    Gauge.builder("mempool.size", mempool, Mempool::bytes)
        .description("encoded size of the waiting transactions")
        .baseUnit("bytes")
        .register(r);
    AdmissionOutcomes outcomes = mempool.outcomes();
    FunctionCounter.builder("mempool.admitted", outcomes, AdmissionOutcomes::admitted)
        .description("transactions admitted")
        .register(r);
    FunctionTimer.builder(
            "mempool.tx.finality",
            outcomes,
            AdmissionOutcomes::finalizedCount,
            AdmissionOutcomes::finalizedNanos,
            TimeUnit.NANOSECONDS)
        .description("time from a transaction's admission here to its block being stored")
        .register(r);
    for (String code : KNOWN_CODES) {
      rejected(r, outcomes, code);
    }
    metrics.beforeScrape(
        () -> outcomes.rejectedByCode().keySet().forEach(code -> rejected(r, outcomes, code)));
  }

  private static void rejected(MeterRegistry r, AdmissionOutcomes outcomes, String code) {
    FunctionCounter.builder(
            "mempool.rejected", outcomes, o -> o.rejectedByCode().getOrDefault(code, 0L))
        .description("transactions refused, by reason")
        .tag("reason", code)
        .register(r);
  }

  static void bindSync(MeterRegistry r, BlockSync sync) {
    Gauge.builder("sync.syncing", sync, s -> s.syncing() ? 1 : 0)
        .description("1 while block sync catches up with peers, 0 while following consensus")
        .register(r);
    Gauge.builder("sync.target.height", sync, BlockSync::bestPeerHeight)
        .description("the best height a trusted peer claims; what sync aims for")
        .register(r);
    Gauge.builder("sync.proven.height", sync, BlockSync::provenHeight)
        .description("the best height a peer proved by serving certified blocks")
        .register(r);
    FunctionCounter.builder("sync.blocks.applied", sync, BlockSync::blocksApplied)
        .description("blocks fetched from peers and stored; rate() gives blocks per second")
        .register(r);
    FunctionCounter.builder("sync.ranges.missed", sync, BlockSync::rangesMissed)
        .description("block ranges peers did not serve in time")
        .register(r);
  }
}
