package org.timecoin.node.consensus;

import java.util.concurrent.ConcurrentHashMap;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * One {@link ProposerSelector} per height of the gate's window, kept across messages: the selector
 * remembers the rounds it computed, so each lookup costs at most the rounds not asked before — and
 * the gate only asks for rounds inside its round window. Safe from any thread.
 */
final class HeightProposers {
  private final ConcurrentHashMap<Long, ProposerSelector> byHeight = new ConcurrentHashMap<>();

  PublicKey proposer(ValidatorSet validators, long height, int round) {
    ProposerSelector s = byHeight.get(height);
    if (s == null || (s.validators() != validators && !s.validators().equals(validators))) {
      s = new ProposerSelector(validators, height);
      byHeight.put(height, s);
    }
    return s.proposer(round);
  }

  /** Drops the selectors of heights below {@code height}. */
  void forgetBelow(long height) {
    byHeight.keySet().removeIf(h -> h < height);
  }

  int size() {
    return byHeight.size();
  }
}
