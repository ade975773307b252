package org.timecoin.domain.masternode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.domain.validation.ValidationResult;

/**
 * A chain of registry states for tests: each block is checked by {@link MasternodeRules}, then
 * applied with {@link RegistryTransition}; its lastCommit is signed by every member of the previous
 * block's set that is not offline. Header fields the registry does not read are placeholders.
 */
public final class RegistryChain {
  public final long epochBlocks;
  public final long inactivityBlocks;
  public final long removalBlocks;
  public final ConsensusParams params;
  public final MapRegistryView registry;
  private final Set<PublicKey> offline = new HashSet<>();
  private long height;

  public RegistryChain(
      ValidatorSet genesis, long epochBlocks, long inactivityBlocks, long removal) {
    this.epochBlocks = epochBlocks;
    this.inactivityBlocks = inactivityBlocks;
    this.removalBlocks = removal;
    this.params = ConsensusParams.defaults().withEpochs(epochBlocks, inactivityBlocks, removal);
    this.registry = MapRegistryView.genesis(genesis);
  }

  /** Height of the last applied block (0 before any). */
  public long height() {
    return height;
  }

  public void setOffline(PublicKey key, boolean isOffline) {
    if (isOffline) {
      offline.add(key);
    } else {
      offline.remove(key);
    }
  }

  /** The set that votes at {@code h}. */
  public ValidatorSet setAt(long h) {
    return Epochs.setOf(registry, Epochs.epochOf(h, epochBlocks));
  }

  public MasternodeRules.Context nextContext() {
    return MasternodeRules.Context.of(MasternodeFixture.CHAIN, height + 1, params);
  }

  /** Checks the next block's transactions without applying them. */
  public ValidationResult check(Transaction... txs) {
    return MasternodeRules.checkBlock(List.of(txs), registry, nextContext());
  }

  /** Applies the next block; fails the test (IllegalStateException) if the rules reject it. */
  public RegistryDelta apply(Transaction... txs) {
    ValidationResult r = check(txs);
    if (!r.isValid()) {
      throw new IllegalStateException("block " + (height + 1) + " rejected: " + r);
    }
    long h = height + 1;
    RegistryDelta delta = RegistryTransition.apply(registry, block(h, List.of(txs)), params);
    registry.apply(delta);
    height = h;
    return delta;
  }

  /** Applies empty blocks until height {@code target}. */
  public void runTo(long target) {
    while (height < target) {
      apply();
    }
  }

  /** Block {@code h} with {@code txs} and the lastCommit the online members sign. */
  public Block block(long h, List<Transaction> txs) {
    List<CommitSignature> sigs = new ArrayList<>();
    for (PublicKey k : lastCommitSigners(h)) {
      sigs.add(new CommitSignature(k, new byte[64]));
    }
    LastCommit lastCommit = h == 1 ? LastCommit.empty() : new LastCommit(0, sigs);
    PublicKey proposer = setAt(h).validators().get(0).key();
    BlockHeader header =
        new BlockHeader(
            1,
            MasternodeFixture.CHAIN,
            h,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            h,
            proposer,
            0,
            Hash32.ZERO,
            lastCommit.hash());
    return new Block(header, lastCommit, txs);
  }

  public List<PublicKey> lastCommitSigners(long h) {
    List<PublicKey> signers = new ArrayList<>();
    if (h >= 2) {
      for (Validator v : setAt(h - 1).validators()) {
        if (!offline.contains(v.key())) {
          signers.add(v.key());
        }
      }
    }
    return signers;
  }

  public MasternodeRecord record(PublicKey key) {
    return registry.byOperatorKey(key).orElseThrow();
  }
}
