package org.timecoin.domain.validation;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.genesis.ConsensusParams;

/**
 * Everything a block is checked against besides the UTXO set: the chain, the parent header (the
 * current tip), the validators paid by the coinbase, the consensus parameters and the local time
 * (from the node's injected Clock) for the future-timestamp bound.
 */
public record BlockContext(
    Hash32 chainId,
    BlockHeader parent,
    ValidatorSet validators,
    ConsensusParams params,
    long nowMillis) {
  public BlockContext {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(params, "params");
  }
}
