package org.timecoin.domain.validation;

import org.timecoin.common.Hash32;

/**
 * Port to the state commitment, which storage owns: the UTXO-set commitment after applying {@code
 * delta} to the current tip's set, without writing anything. {@link BlockValidator} compares it
 * with the header's stateRoot. It runs on the validation pool, concurrently with signature checks,
 * and must be thread-safe. Callers that already trust the root (e.g. a proposer re-checking its own
 * block) may pass {@code delta -> header.stateRoot()}.
 */
@FunctionalInterface
public interface StateRootCheck {
  Hash32 stateRootAfter(BlockDelta delta);
}
