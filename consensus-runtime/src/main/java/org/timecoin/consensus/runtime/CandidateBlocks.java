package org.timecoin.consensus.runtime;

import java.util.HashMap;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;

/**
 * Blocks that came with proposals (or from our producer), by hash, for the current and the next
 * height: validated, re-proposed and finalized by hash. Bounded per height so a Byzantine proposer
 * cannot fill memory. Owner thread only.
 */
final class CandidateBlocks {
  static final int MAX_PER_HEIGHT = 64;

  private final Map<Hash32, Block> byHash = new HashMap<>();
  private final Map<Long, Integer> countByHeight = new HashMap<>();

  /** Adds {@code block}; false if it was known already or its height is full. */
  boolean add(Block block) {
    if (byHash.containsKey(block.hash())) {
      return false;
    }
    int count = countByHeight.getOrDefault(block.height(), 0);
    if (count >= MAX_PER_HEIGHT) {
      return false;
    }
    byHash.put(block.hash(), block);
    countByHeight.put(block.height(), count + 1);
    return true;
  }

  Block get(Hash32 hash) {
    return byHash.get(hash);
  }

  void dropBelow(long height) {
    byHash.values().removeIf(b -> b.height() < height);
    countByHeight.keySet().removeIf(h -> h < height);
  }

  void clear() {
    byHash.clear();
    countByHeight.clear();
  }

  int size() {
    return byHash.size();
  }
}
