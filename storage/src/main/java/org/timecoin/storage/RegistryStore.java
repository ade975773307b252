package org.timecoin.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.RegistryDelta;
import org.timecoin.domain.masternode.RegistryTransition;
import org.timecoin.domain.masternode.RegistryView;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.StateElements;
import org.timecoin.storage.kv.Column;
import org.timecoin.storage.kv.KeyCodecs;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvReader;

/**
 * The masternode registry as of the last applied block: records by operator key, the collateral
 * index, and the validator set of each epoch (stored once per distinct set, by its hash, since
 * consecutive epochs mostly share one). Written only as part of a block's batch ({@link
 * ChainStore}), so after a crash it is at the same block as everything else.
 *
 * <p>Cached: every record and the collateral index are held in memory (the registry is small: each
 * record locks at least a Bronze collateral), loaded once at open; the sets of recent epochs are
 * kept as they are read or written, since consensus asks for them on every message. Reads touch the
 * disk only for the set of an epoch not asked for lately.
 *
 * <p>Threading: reads from any thread; {@link #stage} and {@link #committed} only from the chain's
 * single writer, in that order around a successful write. A reader running while a block is
 * committed may see some of that block's record changes and not others; a whole, consistent
 * registry is the writer's own view (block application computes each delta there).
 */
public final class RegistryStore implements RegistryView {
  static final Column<PublicKey, MasternodeRecord> RECORDS =
      new Column<>(ChainSchema.MASTERNODES, PublicKey.CODEC, MasternodeRecord.CODEC);
  static final Column<OutPoint, PublicKey> COLLATERALS =
      new Column<>(ChainSchema.MASTERNODE_COLLATERALS, OutPoint.CODEC, PublicKey.CODEC);
  static final Column<Long, Hash32> EPOCH_SETS =
      new Column<>(ChainSchema.EPOCH_SETS, KeyCodecs.HEIGHT, KeyCodecs.HASH);
  static final Column<Hash32, ValidatorSet> SETS =
      new Column<>(ChainSchema.VALIDATOR_SETS, KeyCodecs.HASH, ValidatorSet.CODEC);

  private final KvReader kv;
  private final Path path;
  private final ConcurrentSkipListMap<PublicKey, MasternodeRecord> records =
      new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<OutPoint, PublicKey> byCollateral = new ConcurrentHashMap<>();
  // Epochs and sets seen lately; a miss reads the disk. Only present values are cached, so an
  // epoch not fixed yet is asked again (and found once its block is stored).
  private final Cache<Long, ValidatorSet> byEpoch =
      Caffeine.newBuilder().maximumSize(EPOCHS_CACHED).executor(Runnable::run).build();
  private final Cache<Hash32, ValidatorSet> byHash =
      Caffeine.newBuilder().maximumSize(SETS_CACHED).executor(Runnable::run).build();

  /** Epoch sets kept in memory: the current and next ones, and those block sync checks against. */
  static final int EPOCHS_CACHED = 256;

  /** Distinct sets kept in memory (consecutive epochs mostly share one). */
  static final int SETS_CACHED = 32;

  /**
   * One block's changes to the registry: records written (each replaces the record of its operator
   * key), operator keys whose records are deleted, and the validator sets of the epochs it fixes.
   */
  public record Changes(
      List<MasternodeRecord> puts, List<PublicKey> deletes, Map<Long, ValidatorSet> sets) {
    public static final Changes NONE = new Changes(List.of(), List.of(), Map.of());

    public Changes {
      puts = List.copyOf(puts);
      deletes = List.copyOf(deletes);
      sets = Map.copyOf(sets);
    }

    /** The changes of one block, as the registry transition computed them. */
    public static Changes of(RegistryDelta delta) {
      return new Changes(
          delta.puts(),
          delta.deletes().stream().map(MasternodeRecord::operatorKey).toList(),
          delta.hasNewSet() ? Map.of(delta.newSetEpoch(), delta.newSet()) : Map.of());
    }

    /**
     * The registry of a new chain, written with its genesis block: the genesis validators' records
     * and their set, which votes in the first {@link Epochs#GENESIS_EPOCHS} epochs.
     */
    public static Changes genesis(ValidatorSet genesisSet) {
      Map<Long, ValidatorSet> sets = new java.util.HashMap<>();
      for (long e = 0; e < Epochs.GENESIS_EPOCHS; e++) {
        sets.put(e, genesisSet);
      }
      return new Changes(RegistryTransition.genesisRecords(genesisSet), List.of(), sets);
    }

    public boolean isEmpty() {
      return puts.isEmpty() && deletes.isEmpty() && sets.isEmpty();
    }
  }

  /** Reads every record of {@code kv} into memory. */
  RegistryStore(KvReader kv, Path path) {
    this.kv = kv;
    this.path = path;
    loadRecords();
  }

  /**
   * Forgets what is cached and reads every record again: after the writer filled or emptied the
   * registry columns outside a block (a snapshot import or its abort).
   */
  void reload() {
    records.clear();
    byCollateral.clear();
    byEpoch.invalidateAll();
    byHash.invalidateAll();
    loadRecords();
  }

  private void loadRecords() {
    try (KvCursor c = kv.scan(ChainSchema.MASTERNODES, KeyRange.all());
        Stream<MasternodeRecord> all = c.stream(e -> RECORDS.decodeValue(e.value()))) {
      all.forEach(this::remember);
    }
  }

  @Override
  public Optional<MasternodeRecord> byOperatorKey(PublicKey operatorKey) {
    return Optional.ofNullable(records.get(operatorKey));
  }

  @Override
  public Optional<MasternodeRecord> byCollateral(OutPoint collateral) {
    PublicKey key = byCollateral.get(collateral);
    return key == null ? Optional.empty() : Optional.ofNullable(records.get(key));
  }

  @Override
  public void forEachRecord(Consumer<MasternodeRecord> action) {
    records.values().forEach(action);
  }

  /** Number of records. */
  public int size() {
    return records.size();
  }

  @Override
  public Optional<ValidatorSet> validatorSet(long epoch) {
    if (epoch < 0) {
      return Optional.empty();
    }
    ValidatorSet cached = byEpoch.getIfPresent(epoch);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Hash32> hash = kv.get(EPOCH_SETS, epoch);
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    ValidatorSet set = byHash.getIfPresent(hash.get());
    if (set == null) {
      set =
          kv.get(SETS, hash.get())
              .orElseThrow(
                  () ->
                      new StorageException(
                          StorageException.Kind.CORRUPT,
                          path,
                          "the validator set "
                              + hash.get()
                              + " of epoch "
                              + epoch
                              + " is not stored: restore the database from a backup, or move it"
                              + " away and resync from peers"));
      byHash.put(hash.get(), set);
    }
    byEpoch.put(epoch, set);
    return Optional.of(set);
  }

  /** SHA-256 of the canonical encoding of {@code set}: the key it is stored under. */
  static Hash32 hashOf(ValidatorSet set) {
    return Sha256.hash(ValidatorSet.CODEC.encode(set));
  }

  /**
   * What {@code changes} do to the state commitment on top of the registry as it is now: each
   * record deleted or replaced leaves it, each record written enters it ({@link StateElements}).
   * Call under the chain's lock, so no block is committed meanwhile.
   */
  LtHash16 commitmentDelta(Changes changes) {
    LtHash16 delta = LtHash16.empty();
    // A key both deleted and written (stage deletes first) leaves the commitment once.
    Set<PublicKey> left = new HashSet<>();
    for (PublicKey key : changes.deletes()) {
      MasternodeRecord old = records.get(key);
      if (old != null && left.add(key)) {
        delta.remove(StateElements.record(old));
      }
    }
    for (MasternodeRecord r : changes.puts()) {
      MasternodeRecord old = records.get(r.operatorKey());
      if (old != null && left.add(r.operatorKey())) {
        delta.remove(StateElements.record(old));
      }
      delta.add(StateElements.record(r));
    }
    return delta;
  }

  /**
   * Adds one block's registry changes to its batch: records written (a record replaces the one of
   * its operator key, and its collateral index moves with it), records deleted, and the sets of the
   * epochs fixed by this block.
   */
  void stage(KvBatch batch, Changes changes) {
    Collection<MasternodeRecord> puts = changes.puts();
    Collection<PublicKey> deletes = changes.deletes();
    Map<Long, ValidatorSet> sets = changes.sets();
    for (PublicKey key : deletes) {
      MasternodeRecord old = records.get(key);
      if (old != null && old.collateral() != null) {
        batch.delete(COLLATERALS, old.collateral());
      }
      batch.delete(RECORDS, key);
    }
    for (MasternodeRecord r : puts) {
      MasternodeRecord old = records.get(r.operatorKey());
      if (old != null && old.collateral() != null && !old.collateral().equals(r.collateral())) {
        batch.delete(COLLATERALS, old.collateral());
      }
      batch.put(RECORDS, r.operatorKey(), r);
      if (r.collateral() != null) {
        batch.put(COLLATERALS, r.collateral(), r.operatorKey());
      }
    }
    for (Map.Entry<Long, ValidatorSet> e : sets.entrySet()) {
      Hash32 hash = hashOf(e.getValue());
      batch.put(EPOCH_SETS, e.getKey(), hash);
      if (byHash.getIfPresent(hash) == null && kv.get(SETS.family(), SETS.key(hash)) == null) {
        batch.put(SETS, hash, e.getValue());
      }
    }
  }

  /** After the batch of {@link #stage} was written: the same changes, in memory. */
  void committed(Changes changes) {
    Collection<MasternodeRecord> puts = changes.puts();
    Collection<PublicKey> deletes = changes.deletes();
    Map<Long, ValidatorSet> sets = changes.sets();
    for (PublicKey key : deletes) {
      MasternodeRecord old = records.remove(key);
      if (old != null && old.collateral() != null) {
        byCollateral.remove(old.collateral());
      }
    }
    for (MasternodeRecord r : puts) {
      MasternodeRecord old = records.get(r.operatorKey());
      if (old != null && old.collateral() != null && !old.collateral().equals(r.collateral())) {
        byCollateral.remove(old.collateral());
      }
      remember(r);
    }
    for (Map.Entry<Long, ValidatorSet> e : sets.entrySet()) {
      byHash.put(hashOf(e.getValue()), e.getValue());
      byEpoch.put(e.getKey(), e.getValue());
    }
  }

  private void remember(MasternodeRecord r) {
    records.put(r.operatorKey(), r);
    if (r.collateral() != null) {
      byCollateral.put(r.collateral(), r.operatorKey());
    }
  }
}
