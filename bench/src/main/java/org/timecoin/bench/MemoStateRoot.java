package org.timecoin.bench;

import java.util.HashMap;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.domain.validation.BlockDelta;
import org.timecoin.domain.validation.StateRootCheck;

/**
 * A state-root check that remembers its answer per block hash, as a node could (the root of a block
 * on a given tip never changes): shows what warm validation costs without the LtHash work. The
 * caller names the block before each validation.
 */
final class MemoStateRoot implements StateRootCheck {
  private final StateRootCheck inner;
  private final Map<Hash32, Hash32> roots = new HashMap<>();
  private volatile Hash32 currentBlock;

  MemoStateRoot(StateRootCheck inner) {
    this.inner = inner;
  }

  void validating(Hash32 blockHash) {
    currentBlock = blockHash;
  }

  @Override
  public synchronized Hash32 stateRootAfter(BlockDelta delta) {
    return roots.computeIfAbsent(currentBlock, h -> inner.stateRootAfter(delta));
  }
}
