package org.timecoin.consensus.runtime;

import java.util.concurrent.CompletionStage;
import org.timecoin.domain.block.Block;

/**
 * Port: builds the block this node proposes ({@code getValue()} of Algorithm 1, line 18) from the
 * mempool on top of the stored chain. Must not block the calling (owner) thread: build the block
 * elsewhere and complete the stage there.
 */
public interface BlockProducer {
  CompletionStage<Block> produce(long height, int round);

  /**
   * True when transactions are waiting: the next height then starts {@code blockInterval} after the
   * previous block instead of {@code emptyBlockInterval}. Called on the owner thread.
   */
  boolean hasPendingTransactions();
}
