package org.timecoin.node.masternode;

import java.util.Optional;
import java.util.Set;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.domain.masternode.RegistryView;

/** What the masternode views read of the chain: its tip, registry, epoch sets and certificates. */
public interface MasternodeChain {
  /** The finalized height. */
  long height();

  /** The registry as of the tip. */
  RegistryView registry();

  /** The set that certifies {@code height}: {@code set(epochOf(height))}; empty if not computed. */
  Optional<ValidatorSet> validatorsAt(long height);

  /**
   * The keys that signed the certificate of {@code height} as block {@code height + 1} carries it
   * (its lastCommit); empty when that block is not stored.
   */
  Optional<Set<PublicKey>> commitSigners(long height);

  /** Blocks per epoch (the genesis's {@code epochBlocks}). */
  long epochBlocks();

  /** Blocks a member may go without signing before it stops counting as active. */
  long inactivityBlocks();

  /** The epoch of {@code height} (≥ 1). */
  default long epochOf(long height) {
    return Epochs.epochOf(height, epochBlocks());
  }

  /** The first height of {@code epoch}. */
  default long firstHeight(long epoch) {
    return Epochs.firstHeight(epoch, epochBlocks());
  }
}
