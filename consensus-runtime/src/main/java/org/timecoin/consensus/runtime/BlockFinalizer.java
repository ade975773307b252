package org.timecoin.consensus.runtime;

import java.util.concurrent.CompletionStage;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/**
 * Port: receives each decided block with its commit certificate (the precommits of more than 2/3 of
 * the voting power), to be stored. Called on the owner thread: hand the block to the storage writer
 * and complete the stage once it is durable; the next height starts only then.
 */
public interface BlockFinalizer {
  CompletionStage<Void> finalizeBlock(Block block, CommitCertificate certificate);
}
