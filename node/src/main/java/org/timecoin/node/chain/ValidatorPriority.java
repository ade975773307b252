package org.timecoin.node.chain;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Keeps the network's priority peers (short keep-alive, quick redial) equal to the validators of
 * the current and the next epoch, so a joining masternode's links are watched from the epoch before
 * it votes and a departed one's stop being so. Tells the network only when the sets changed. Called
 * on the chain writer after each block and once at start.
 */
public final class ValidatorPriority {
  private final LocalChain chain;
  private final Consumer<Set<PublicKey>> prioritize;
  private Set<PublicKey> current = Set.of();

  public ValidatorPriority(LocalChain chain, Consumer<Set<PublicKey>> prioritize) {
    this.chain = chain;
    this.prioritize = prioritize;
  }

  /** Reads the sets of the next height's epoch and the epoch after, and tells any change. */
  public synchronized void refresh() {
    long next = chain.height() + 1;
    Set<PublicKey> keys = new LinkedHashSet<>();
    add(keys, chain.validatorsAt(next));
    add(keys, chain.validatorsAt(next + chain.genesis().params().epochBlocks()));
    if (!keys.equals(current)) {
      current = Set.copyOf(keys);
      prioritize.accept(current);
    }
  }

  private static void add(Set<PublicKey> keys, ValidatorSet set) {
    if (set != null) {
      for (Validator v : set.validators()) {
        keys.add(v.key());
      }
    }
  }
}
