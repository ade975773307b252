package org.timecoin.consensus.runtime;

import java.util.concurrent.CompletionStage;
import org.timecoin.domain.block.Block;

/**
 * Port: {@code valid(v)} of Algorithm 1 for a proposed block (structure, inputs, signatures, state
 * root). Called on the validation pool, never on the owner thread; the answer goes back to the core
 * as an input. A failed stage counts as invalid (the node then prevotes nil).
 */
public interface BlockValidatorPort {
  CompletionStage<Boolean> validate(long height, Block block);
}
