package org.timecoin.domain.masternode;

import java.util.Optional;
import java.util.function.Consumer;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.OutPoint;

/**
 * Read port over the masternode registry as of the last applied block: its records and the
 * validator set stored for each epoch. Storage implements it over its columns; {@link
 * MapRegistryView} holds it in memory.
 */
public interface RegistryView {
  /** The record whose operator key is {@code operatorKey}. */
  Optional<MasternodeRecord> byOperatorKey(PublicKey operatorKey);

  /** The record whose collateral is {@code collateral} (never a genesis validator). */
  Optional<MasternodeRecord> byCollateral(OutPoint collateral);

  /** Visits every record in ascending operator-key order. */
  void forEachRecord(Consumer<MasternodeRecord> action);

  /** The validator set stored for {@code epoch}; empty if none was computed yet. */
  Optional<ValidatorSet> validatorSet(long epoch);
}
