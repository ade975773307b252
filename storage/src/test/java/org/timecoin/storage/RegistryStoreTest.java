package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.kv.RocksConfig;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.tools.DeterministicChain;

/**
 * The registry as stored with each block: records by operator key and by collateral, epoch sets,
 * read back after a reopen, and left untouched by a block that fails to store.
 */
class RegistryStoreTest {
  static final Hash32 CHAIN = Hash32.fromHex("22".repeat(32));
  static final PublicKey A = DeterministicChain.operator(0);
  static final PublicKey B = DeterministicChain.operator(1);
  static final OutPoint COLLATERAL_A = new OutPoint(Hash32.fromHex("aa".repeat(32)), 0);
  static final OutPoint COLLATERAL_A2 = new OutPoint(Hash32.fromHex("ab".repeat(32)), 0);
  static final OutPoint COLLATERAL_B = new OutPoint(Hash32.fromHex("bb".repeat(32)), 0);

  @TempDir Path dir;
  ChainStore store;
  KvStore kv;
  DeterministicChain chain;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static MasternodeRecord record(PublicKey key, OutPoint collateral, long registered) {
    return new MasternodeRecord(
        key,
        Tier.BRONZE,
        1,
        collateral,
        DeterministicChain.address(1),
        DeterministicChain.address(2),
        "10.0.0.1:24100",
        registered,
        -1,
        -1,
        MasternodeRecord.Status.PENDING,
        -1,
        0);
  }

  static ValidatorSet setOf(MasternodeRecord... records) {
    List<org.timecoin.domain.block.Validator> vs = new ArrayList<>();
    for (MasternodeRecord r : records) {
      vs.add(r.toValidator());
    }
    return new ValidatorSet(vs);
  }

  ChainStore openRocks(KvStore kv) {
    this.kv = kv;
    return ChainStore.open(kv, StorageConfig.defaults(dir.resolve("db")), CHAIN);
  }

  KvStore rocks(OpenMode mode) {
    return RocksKvStore.open(dir.resolve("db"), RocksConfig.defaults(), ChainSchema.COLUMNS, mode);
  }

  /** Applies the chain's next block with {@code changes} instead of the model's. */
  void apply(RegistryStore.Changes changes) {
    DeterministicChain.Step s = chain.nextWith(changes);
    store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), changes);
  }

  @ParameterizedTest(name = "rocks={0}")
  @ValueSource(booleans = {false, true})
  void recordsAreFoundByOperatorKeyAndCollateralAndMoveWithTheirChanges(boolean rocks) {
    store =
        rocks
            ? openRocks(rocks(OpenMode.CREATE_IF_MISSING))
            : ChainStore.open(
                new MemoryKvStore(ChainSchema.COLUMNS),
                StorageConfig.defaults(Path.of("mem")),
                CHAIN);
    chain = new DeterministicChain(1, CHAIN, 2);
    MasternodeRecord a = record(A, COLLATERAL_A, 0);
    MasternodeRecord b = record(B, COLLATERAL_B, 0);
    apply(new RegistryStore.Changes(List.of(a, b), List.of(), Map.of()));
    RegistryStore registry = store.registry();
    assertThat(registry.byOperatorKey(A)).contains(a);
    assertThat(registry.byCollateral(COLLATERAL_B)).contains(b);
    assertThat(registry.size()).isEqualTo(2);

    // A's record is replaced by one with another collateral: the old index entry goes.
    MasternodeRecord a2 = record(A, COLLATERAL_A2, 1);
    apply(new RegistryStore.Changes(List.of(a2), List.of(), Map.of()));
    assertThat(registry.byCollateral(COLLATERAL_A)).isEmpty();
    assertThat(registry.byCollateral(COLLATERAL_A2)).contains(a2);

    apply(new RegistryStore.Changes(List.of(), List.of(B), Map.of()));
    assertThat(registry.byOperatorKey(B)).isEmpty();
    assertThat(registry.byCollateral(COLLATERAL_B)).isEmpty();
    List<MasternodeRecord> all = new ArrayList<>();
    registry.forEachRecord(all::add);
    assertThat(all).containsExactly(a2);
    if (rocks) {
      assertThat(keys(ChainSchema.MASTERNODE_COLLATERALS)).isEqualTo(1);
    }
  }

  @Test
  void theRegistryIsReadBackAfterAReopen() {
    store = openRocks(rocks(OpenMode.CREATE_IF_MISSING));
    chain = new DeterministicChain(2, CHAIN, 2);
    MasternodeRecord a = record(A, COLLATERAL_A, 0);
    MasternodeRecord b = record(B, COLLATERAL_B, 0);
    ValidatorSet set = setOf(a, b);
    apply(new RegistryStore.Changes(List.of(a, b), List.of(), Map.of(0L, set, 1L, set)));
    store.close();
    store = openRocks(rocks(OpenMode.MUST_EXIST));
    assertThat(store.registry().byOperatorKey(B)).contains(b);
    assertThat(store.registry().byCollateral(COLLATERAL_A)).contains(a);
    assertThat(store.registry().validatorSet(0)).contains(set);
    assertThat(store.registry().validatorSet(1)).contains(set);
    assertThat(store.registry().validatorSet(2)).isEmpty();
    assertThat(store.registry().validatorSet(-1)).isEmpty();
  }

  @Test
  void aNewChainStoresTheGenesisValidatorsAsRecordsAndTheirSetForTheFirstTwoEpochs() {
    store = openRocks(rocks(OpenMode.CREATE_IF_MISSING));
    chain = new DeterministicChain(5, CHAIN, 2);
    ValidatorSet genesis =
        new ValidatorSet(
            List.of(
                new org.timecoin.domain.block.Validator(
                    A, 3, Tier.FREE, DeterministicChain.address(3))));
    apply(RegistryStore.Changes.genesis(genesis));
    MasternodeRecord a = store.registry().byOperatorKey(A).orElseThrow();
    assertThat(a.collateral()).isNull();
    assertThat(a.votingPower()).isEqualTo(3);
    assertThat(a.status()).isEqualTo(MasternodeRecord.Status.ACTIVE_SET);
    assertThat(store.registry().validatorSet(0)).contains(genesis);
    assertThat(store.registry().validatorSet(1)).contains(genesis);
    assertThat(store.registry().validatorSet(2)).isEmpty();
  }

  @Test
  void aSetSharedByManyEpochsIsStoredOnce() {
    store = openRocks(rocks(OpenMode.CREATE_IF_MISSING));
    chain = new DeterministicChain(3, CHAIN, 2);
    MasternodeRecord a = record(A, COLLATERAL_A, 0);
    ValidatorSet one = setOf(a);
    ValidatorSet two = setOf(a, record(B, COLLATERAL_B, 0));
    apply(new RegistryStore.Changes(List.of(a), List.of(), Map.of(0L, one, 1L, one)));
    apply(new RegistryStore.Changes(List.of(), List.of(), Map.of(2L, one)));
    apply(new RegistryStore.Changes(List.of(), List.of(), Map.of(3L, two)));
    apply(new RegistryStore.Changes(List.of(), List.of(), Map.of(4L, one)));
    assertThat(keys(ChainSchema.EPOCH_SETS)).isEqualTo(5);
    assertThat(keys(ChainSchema.VALIDATOR_SETS)).isEqualTo(2);
    assertThat(store.registry().validatorSet(3)).contains(two);
    assertThat(store.registry().validatorSet(4)).contains(one);
  }

  @Test
  void aBlockThatFailsToStoreLeavesTheRegistryAsItWas() {
    DiskFullKvStore full = new DiskFullKvStore(rocks(OpenMode.CREATE_IF_MISSING));
    store = openRocks(full);
    chain = new DeterministicChain(4, CHAIN, 2);
    MasternodeRecord a = record(A, COLLATERAL_A, 0);
    apply(new RegistryStore.Changes(List.of(a), List.of(), Map.of(0L, setOf(a))));
    full.full = true;
    MasternodeRecord b = record(B, COLLATERAL_B, 1);
    RegistryStore.Changes changes =
        new RegistryStore.Changes(List.of(b), List.of(A), Map.of(1L, setOf(b)));
    DeterministicChain.Step next = chain.nextWith(changes);
    assertThatThrownBy(
            () ->
                store.applyBlock(
                    next.block(), next.certificate(), next.adds(), next.removes(), changes))
        .isInstanceOf(StorageException.class);
    assertThat(store.registry().byOperatorKey(A)).contains(a);
    assertThat(store.registry().byOperatorKey(B)).isEmpty();
    assertThat(store.registry().byCollateral(COLLATERAL_B)).isEmpty();
    assertThat(store.registry().validatorSet(1)).isEmpty();
    store.close();
    store = openRocks(rocks(OpenMode.MUST_EXIST));
    assertThat(store.registry().byOperatorKey(A)).contains(a);
    assertThat(store.registry().byOperatorKey(B)).isEmpty();
    assertThat(store.registry().validatorSet(1)).isEmpty();
  }

  @Test
  void anEpochWhoseSetIsMissingIsReportedAsADamagedDatabase() {
    openRocks(rocks(OpenMode.CREATE_IF_MISSING)).close();
    try (KvStore raw = rocks(OpenMode.MUST_EXIST);
        var batch = raw.newBatch()) {
      batch.put(RegistryStore.EPOCH_SETS, 7L, Hash32.fromHex("cd".repeat(32)));
      raw.write(batch);
    }
    store = openRocks(rocks(OpenMode.MUST_EXIST));
    assertThatThrownBy(() -> store.registry().validatorSet(7))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("epoch 7")
        .hasMessageContaining("is not stored");
  }

  /** Entries in {@code column} of the open store's key-value store. */
  private long keys(KvColumn column) {
    try (KvCursor c = kv.scan(column, KeyRange.all())) {
      return c.stream().count();
    }
  }
}
