package org.timecoin.node.chain;

import java.util.List;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.domain.masternode.Liveness;
import org.timecoin.domain.masternode.RegistryTransition;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.storage.RegistryStore;

/**
 * The validator sets of the chain, read from the epoch sets stored with the blocks: the set of each
 * height ({@code set(epochOf(h))}), the context a block is checked against (its set, the members
 * active at it, the hash of the next epoch's set, the set that certified its parent) and the
 * registry change each block makes. Thread-safe; reads the registry as of the stored tip.
 */
final class ChainValidators {
  private final RegistryStore registry;
  private final GenesisConfig genesis;
  private final ConsensusParams params;

  ChainValidators(RegistryStore registry, GenesisConfig genesis) {
    this.registry = registry;
    this.genesis = genesis;
    this.params = genesis.params();
  }

  /** The registry changes of a new chain: the genesis validators, voting in epochs 0 and 1. */
  RegistryStore.Changes genesisChanges() {
    return RegistryStore.Changes.genesis(genesis.validatorSet());
  }

  /**
   * The set that votes at {@code height}; null when its epoch's set is not fixed yet (it is, for
   * every height up to a full epoch past the stored tip). Height 0, the genesis block, gets the
   * genesis set.
   */
  ValidatorSet at(long height) {
    long epoch = height < 1 ? 0 : Epochs.epochOf(height, params.epochBlocks());
    return registry.validatorSet(epoch).orElse(null);
  }

  /**
   * What the block after {@code parent}, carrying {@code lastCommit}, is checked against (and built
   * for), as of the stored tip {@code parent}.
   *
   * @throws IllegalStateException when a set the block needs is not stored (a damaged registry:
   *     every set is stored a full epoch before it votes)
   */
  BlockContext contextAfter(
      Hash32 chainId, BlockHeader parent, LastCommit lastCommit, long nowMillis) {
    long height = parent.height() + 1;
    ValidatorSet set = required(height);
    long epoch = Epochs.epochOf(height, params.epochBlocks());
    ValidatorSet next = Epochs.setOf(registry, epoch + 1);
    Set<PublicKey> activeKeys =
        Liveness.activeKeys(
            set,
            registry,
            height,
            params.inactivityBlocks(),
            RegistryTransition.signers(lastCommit));
    return new BlockContext(
        chainId,
        parent,
        set,
        activeKeys,
        next.hash(),
        required(parent.height()),
        params,
        nowMillis);
  }

  /** The registry rules' context for the transactions of block {@code height}. */
  MasternodeRules.Context rulesContext(Hash32 chainId, long height) {
    return MasternodeRules.Context.of(chainId, height, params);
  }

  /**
   * The change {@code block}, the successor of the stored tip, makes to the registry: liveness of
   * its lastCommit's signers, its masternode transactions, and at the end of an epoch the set of
   * the epoch after next. Call on the chain writer, which alone changes the registry.
   */
  RegistryStore.Changes changesOf(Block block) {
    return RegistryStore.Changes.of(RegistryTransition.apply(registry, block, params));
  }

  /**
   * The change a block at {@code height} with these transactions (coinbase first) and this
   * lastCommit would make, as of the stored tip: what a proposer commits to in the header's state
   * root. The transactions must pass the masternode rules.
   */
  RegistryStore.Changes changesOf(long height, List<Transaction> txs, LastCommit lastCommit) {
    return RegistryStore.Changes.of(
        RegistryTransition.apply(
            registry,
            height,
            txs,
            RegistryTransition.signers(lastCommit),
            params.epochBlocks(),
            params.removalBlocks()));
  }

  private ValidatorSet required(long height) {
    ValidatorSet set = at(height);
    if (set == null) {
      throw new IllegalStateException(
          "no validator set is stored for height " + height + ": the registry is damaged");
    }
    return set;
  }
}
