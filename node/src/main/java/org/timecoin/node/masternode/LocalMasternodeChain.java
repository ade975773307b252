package org.timecoin.node.masternode;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.RegistryView;
import org.timecoin.node.chain.LocalChain;

/** {@link MasternodeChain} over the node's chain and its read facade {@link Masternodes}. */
public final class LocalMasternodeChain implements MasternodeChain {
  private final LocalChain chain;
  private final Masternodes masternodes;
  private final ConsensusParams params;

  public LocalMasternodeChain(LocalChain chain) {
    this.chain = chain;
    this.masternodes = new Masternodes(chain);
    this.params = chain.genesis().params();
  }

  @Override
  public long height() {
    return chain.height();
  }

  @Override
  public RegistryView registry() {
    return chain.registry();
  }

  @Override
  public Optional<ValidatorSet> validatorsAt(long height) {
    return masternodes.validatorsAt(height);
  }

  @Override
  public Optional<Set<PublicKey>> commitSigners(long height) {
    return masternodes.signersOf(height).map(HashSet::new);
  }

  @Override
  public long epochBlocks() {
    return params.epochBlocks();
  }

  @Override
  public long inactivityBlocks() {
    return params.inactivityBlocks();
  }
}
