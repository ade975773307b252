package org.timecoin.domain.masternode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * What applying one block changes in the registry. Storage applies it atomically with the block:
 * first remove every record of {@code deletes} (its operator key and its collateral index), then
 * write every record of {@code puts} (same), then store {@code newSet} as the set of {@code
 * newSetEpoch} when there is one.
 *
 * @param deletes records to remove: deleted ones, and replaced ones whose collateral changed
 * @param puts records to write (new or changed), in operator-key order
 * @param newSetEpoch the epoch {@code newSet} votes in, or -1 when this block computes no set
 * @param newSet the validator set computed after this block, or null
 */
public record RegistryDelta(
    List<MasternodeRecord> deletes,
    List<MasternodeRecord> puts,
    long newSetEpoch,
    ValidatorSet newSet) {
  public RegistryDelta {
    deletes = List.copyOf(deletes);
    puts = List.copyOf(puts);
    if ((newSet == null) != (newSetEpoch < 0)) {
      throw new IllegalArgumentException("a new set needs its epoch, and an epoch its set");
    }
  }

  /** True when this block computed the set of a later epoch. */
  public boolean hasNewSet() {
    return newSet != null;
  }

  /** The record this delta writes for {@code key}, if any (for tests and logs). */
  public Optional<MasternodeRecord> put(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return puts.stream().filter(r -> r.operatorKey().equals(key)).findFirst();
  }
}
