package org.timecoin.node.consensus;

import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.consensus.runtime.BlockFinalizer;
import org.timecoin.consensus.runtime.BlockValidatorPort;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.p2p.RateLimitedLog;

/** The consensus runtime's validation and finalization ports over the node's {@link LocalChain}. */
public final class ChainPorts implements BlockValidatorPort, BlockFinalizer {
  private static final Logger log = LoggerFactory.getLogger(ChainPorts.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  private final LocalChain chain;

  public ChainPorts(LocalChain chain) {
    this.chain = chain;
  }

  @Override
  public CompletionStage<Boolean> validate(long height, Block block) {
    return chain
        .validate(block)
        .thenApply(
            r -> {
              if (!r.isValid()) {
                peerLog.warn(
                    "proposed block {} at height {} is invalid: {}", block.hash(), height, r);
              }
              return r.isValid();
            });
  }

  /**
   * Stores the block and its certificate in one atomic write; the mempool evicts via a listener.
   */
  @Override
  public CompletionStage<Void> finalizeBlock(Block block, CommitCertificate certificate) {
    return chain.store(block, certificate).thenApply(tip -> null);
  }
}
