package org.timecoin.domain.masternode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.OutPoint;

/**
 * The registry as a block's or the mempool's transactions change it, one after another, over an
 * unchanged base view. Records put here shadow the base; deleted ones hide it. Not thread-safe: it
 * belongs to one validation or one mempool.
 */
public final class RegistryOverlay implements RegistryView {
  private final RegistryView base;
  private final Map<PublicKey, MasternodeRecord> puts = new HashMap<>();
  private final Map<OutPoint, PublicKey> putCollaterals = new HashMap<>();
  private final Set<PublicKey> deleted = new HashSet<>();
  private final Set<PublicKey> registeredHere = new HashSet<>();
  private final Map<PublicKey, MasternodeRecord> deletedFromBase = new HashMap<>();

  public RegistryOverlay(RegistryView base) {
    this.base = base;
  }

  /** Adds or replaces the record of its operator key. */
  public void put(MasternodeRecord record) {
    PublicKey key = record.operatorKey();
    MasternodeRecord old = puts.remove(key);
    if (old != null && old.collateral() != null) {
      putCollaterals.remove(old.collateral());
    }
    if (!deleted.contains(key)) {
      base.byOperatorKey(key).ifPresent(r -> deletedFromBase.putIfAbsent(key, r));
    }
    deleted.add(key); // hides the base record, if any
    puts.put(key, record);
    if (record.collateral() != null) {
      putCollaterals.put(record.collateral(), key);
    }
  }

  /** Adds the record of a registration made here; {@link #registeredHere} tells it apart. */
  public void putRegistration(MasternodeRecord record) {
    put(record);
    registeredHere.add(record.operatorKey());
  }

  /** Removes the record of {@code operatorKey}. */
  public void delete(PublicKey operatorKey) {
    MasternodeRecord old = puts.remove(operatorKey);
    if (old != null && old.collateral() != null) {
      putCollaterals.remove(old.collateral());
    }
    if (!deleted.contains(operatorKey)) {
      base.byOperatorKey(operatorKey).ifPresent(r -> deletedFromBase.put(operatorKey, r));
    }
    deleted.add(operatorKey);
    registeredHere.remove(operatorKey);
  }

  /** True when a registration of {@code operatorKey} was made in this overlay and still stands. */
  public boolean registeredHere(PublicKey operatorKey) {
    return registeredHere.contains(operatorKey);
  }

  /** Records put here, in operator-key order. */
  public List<MasternodeRecord> puts() {
    return new ArrayList<>(new TreeMap<>(puts).values());
  }

  /** Base records this overlay removed or replaced, in operator-key order. */
  public List<MasternodeRecord> replacedOrDeleted() {
    return new ArrayList<>(new TreeMap<>(deletedFromBase).values());
  }

  @Override
  public Optional<MasternodeRecord> byOperatorKey(PublicKey operatorKey) {
    MasternodeRecord r = puts.get(operatorKey);
    if (r != null) {
      return Optional.of(r);
    }
    return deleted.contains(operatorKey) ? Optional.empty() : base.byOperatorKey(operatorKey);
  }

  @Override
  public Optional<MasternodeRecord> byCollateral(OutPoint collateral) {
    PublicKey key = putCollaterals.get(collateral);
    if (key != null) {
      return Optional.of(puts.get(key));
    }
    return base.byCollateral(collateral).filter(r -> !deleted.contains(r.operatorKey()));
  }

  @Override
  public void forEachRecord(Consumer<MasternodeRecord> action) {
    TreeMap<PublicKey, MasternodeRecord> all = new TreeMap<>();
    base.forEachRecord(
        r -> {
          if (!deleted.contains(r.operatorKey())) {
            all.put(r.operatorKey(), r);
          }
        });
    all.putAll(puts);
    all.values().forEach(action);
  }

  @Override
  public Optional<ValidatorSet> validatorSet(long epoch) {
    return base.validatorSet(epoch);
  }
}
