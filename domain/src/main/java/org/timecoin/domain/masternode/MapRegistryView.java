package org.timecoin.domain.masternode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.OutPoint;

/** An in-memory registry, for tests and simulations. Not thread-safe; one owner. */
public final class MapRegistryView implements RegistryView {
  private final TreeMap<PublicKey, MasternodeRecord> records = new TreeMap<>();
  private final Map<OutPoint, PublicKey> byCollateral = new HashMap<>();
  private final Map<Long, ValidatorSet> sets = new HashMap<>();

  /** A new chain's registry: the genesis validators' records, and their set for epochs 0 and 1. */
  public static MapRegistryView genesis(ValidatorSet genesis) {
    MapRegistryView view = new MapRegistryView();
    RegistryTransition.genesisRecords(genesis).forEach(view::put);
    for (long epoch = 0; epoch < Epochs.GENESIS_EPOCHS; epoch++) {
      view.putValidatorSet(epoch, genesis);
    }
    return view;
  }

  /** Applies {@code delta} as storage does: deletes, then puts, then the new set. */
  public MapRegistryView apply(RegistryDelta delta) {
    delta.deletes().forEach(r -> delete(r.operatorKey()));
    delta.puts().forEach(this::put);
    if (delta.hasNewSet()) {
      putValidatorSet(delta.newSetEpoch(), delta.newSet());
    }
    return this;
  }

  /** Adds or replaces the record of its operator key. */
  public MapRegistryView put(MasternodeRecord record) {
    delete(record.operatorKey());
    records.put(record.operatorKey(), record);
    if (record.collateral() != null) {
      byCollateral.put(record.collateral(), record.operatorKey());
    }
    return this;
  }

  /** Removes the record of {@code operatorKey}, if any. */
  public MapRegistryView delete(PublicKey operatorKey) {
    MasternodeRecord old = records.remove(operatorKey);
    if (old != null && old.collateral() != null) {
      byCollateral.remove(old.collateral());
    }
    return this;
  }

  public MapRegistryView putValidatorSet(long epoch, ValidatorSet set) {
    sets.put(epoch, set);
    return this;
  }

  @Override
  public Optional<MasternodeRecord> byOperatorKey(PublicKey operatorKey) {
    return Optional.ofNullable(records.get(operatorKey));
  }

  @Override
  public Optional<MasternodeRecord> byCollateral(OutPoint collateral) {
    PublicKey key = byCollateral.get(collateral);
    return key == null ? Optional.empty() : Optional.of(records.get(key));
  }

  @Override
  public void forEachRecord(Consumer<MasternodeRecord> action) {
    records.values().forEach(action);
  }

  @Override
  public Optional<ValidatorSet> validatorSet(long epoch) {
    return Optional.ofNullable(sets.get(epoch));
  }

  public int size() {
    return records.size();
  }
}
