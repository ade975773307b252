package org.timecoin.consensus.runtime;

import org.timecoin.domain.block.ValidatorSet;

/**
 * Port: the validator set that votes at a height (from genesis and the stored chain). Called on the
 * owner thread when a height starts, after the previous block is stored.
 */
@FunctionalInterface
public interface ValidatorSets {
  ValidatorSet forHeight(long height);
}
