package org.timecoin.node.masternode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MapRegistryView;
import org.timecoin.domain.masternode.RegistryView;

/** A chain of settable height over an in-memory registry, with certificate signers per height. */
final class FakeMasternodeChain implements MasternodeChain {
  final MapRegistryView registry = new MapRegistryView();
  final Map<Long, Set<PublicKey>> signers = new HashMap<>();
  final long epochBlocks;
  final long inactivityBlocks;
  long height;
  int signerReads;

  FakeMasternodeChain(long epochBlocks, long inactivityBlocks) {
    this.epochBlocks = epochBlocks;
    this.inactivityBlocks = inactivityBlocks;
  }

  /** Records that {@code key} signed the certificates of heights {@code from..to}. */
  void signed(PublicKey key, long from, long to) {
    for (long h = from; h <= to; h++) {
      signers.computeIfAbsent(h, x -> new HashSet<>()).add(key);
    }
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public RegistryView registry() {
    return registry;
  }

  @Override
  public Optional<ValidatorSet> validatorsAt(long h) {
    return registry.validatorSet(epochOf(h));
  }

  @Override
  public Optional<Set<PublicKey>> commitSigners(long h) {
    signerReads++;
    return h + 1 > height ? Optional.empty() : Optional.of(signers.getOrDefault(h, Set.of()));
  }

  @Override
  public long epochBlocks() {
    return epochBlocks;
  }

  @Override
  public long inactivityBlocks() {
    return inactivityBlocks;
  }
}
