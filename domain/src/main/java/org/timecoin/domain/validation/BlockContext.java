package org.timecoin.domain.validation;

import java.util.Objects;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;

/**
 * Everything a block is checked against besides the UTXO set: the chain, the parent header (the
 * current tip), the consensus parameters and the local time (from the node's injected Clock) for
 * the future-timestamp bound, and the validator sets the block is judged by.
 *
 * @param validators the set of the block's epoch: its proposer must be a member, its coinbase pays
 *     their active members
 * @param activeMembers the members of {@code validators} active at this block (liveness); only they
 *     share the coinbase
 * @param nextValidatorsHash what the header's nextValidatorsHash must be: the hash of the set of
 *     the epoch after the block's
 * @param parentValidators the set of the parent's epoch, which must have certified the parent (the
 *     block's lastCommit)
 */
public record BlockContext(
    Hash32 chainId,
    BlockHeader parent,
    ValidatorSet validators,
    Set<PublicKey> activeMembers,
    Hash32 nextValidatorsHash,
    ValidatorSet parentValidators,
    ConsensusParams params,
    long nowMillis) {
  public BlockContext {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(nextValidatorsHash, "nextValidatorsHash");
    Objects.requireNonNull(parentValidators, "parentValidators");
    Objects.requireNonNull(params, "params");
    activeMembers = Set.copyOf(activeMembers);
    for (PublicKey k : activeMembers) {
      if (!validators.contains(k)) {
        throw new IllegalArgumentException("active member " + k + " is not in the validator set");
      }
    }
  }

  /**
   * The context of a chain whose set never changes: {@code validators} certify the parent, every
   * member is active, and the next set is the same.
   */
  public static BlockContext fixedSet(
      Hash32 chainId,
      BlockHeader parent,
      ValidatorSet validators,
      ConsensusParams params,
      long nowMillis) {
    return new BlockContext(
        chainId,
        parent,
        validators,
        CoinbaseRule.allMembers(validators),
        validators.hash(),
        validators,
        params,
        nowMillis);
  }
}
