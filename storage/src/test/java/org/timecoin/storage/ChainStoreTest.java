package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.kv.OpenMode;
import org.timecoin.storage.tools.DeterministicChain;

class ChainStoreTest {
  static final Hash32 CHAIN = Hash32.fromHex("11".repeat(32));

  @TempDir Path dir;
  ChainStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  ChainStore openRocks() {
    return ChainStore.open(StorageConfig.defaults(dir.resolve("db")), CHAIN);
  }

  static ChainStore openMemory() {
    return ChainStore.open(
        new MemoryKvStore(ChainSchema.COLUMNS), StorageConfig.defaults(Path.of("mem")), CHAIN);
  }

  static void applyAll(ChainStore store, DeterministicChain chain, int blocks) {
    for (int i = 0; i < blocks; i++) {
      DeterministicChain.Step s = chain.next();
      store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    }
  }

  /** Applies {@code blocks} blocks that change no registry record (UTXO-only snapshots). */
  static void applyAllWithoutRegistry(ChainStore store, DeterministicChain chain, int blocks) {
    for (int i = 0; i < blocks; i++) {
      DeterministicChain.Step s = chain.nextWith(RegistryStore.Changes.NONE);
      store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    }
  }

  static void assertMatches(ChainStore store, DeterministicChain chain) {
    assertUtxosMatch(store, chain);
    List<MasternodeRecord> records = new java.util.ArrayList<>();
    store.registry().forEachRecord(records::add);
    assertThat(records).containsExactlyElementsOf(chain.records().values());
    chain
        .epochSets()
        .forEach((epoch, set) -> assertThat(store.registry().validatorSet(epoch)).contains(set));
  }

  /** The tip, the commitment and the UTXO set (not the registry) are the replay's. */
  static void assertUtxosMatch(ChainStore store, DeterministicChain chain) {
    assertThat(store.tip()).map(ChainTip::height).contains(chain.height());
    assertThat(store.tip()).map(ChainTip::blockHash).contains(chain.tipHash());
    assertThat(store.stateRoot()).isEqualTo(chain.stateRoot());
    assertThat(store.recomputeStateRoot()).isEqualTo(chain.stateRoot());
    try (Stream<Utxo> all = store.utxos().streamUtxos()) {
      Map<OutPoint, Utxo> stored = all.collect(Collectors.toMap(Utxo::outPoint, u -> u));
      assertThat(stored).isEqualTo(chain.utxos());
    }
  }

  @Test
  void emptyStoreHasNoTipAndTheEmptyCommitment() {
    store = openMemory();
    assertThat(store.tip()).isEmpty();
    assertThat(store.stateRoot()).isEqualTo(LtHash16.empty().digest());
    try (Stream<Utxo> all = store.utxos().streamUtxos()) {
      assertThat(all).isEmpty();
    }
  }

  @ParameterizedTest(name = "rocks={0}")
  @ValueSource(booleans = {false, true})
  void appliedBlocksGiveTheReplayedUtxoSetTipAndCommitment(boolean rocks) {
    store = rocks ? openRocks() : openMemory();
    DeterministicChain chain = new DeterministicChain(3, CHAIN, 40);
    applyAll(store, chain, 12);
    assertMatches(store, chain);
  }

  @Test
  void blocksCertificatesAndTransactionsAreFoundByHeightAndHash() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(4, CHAIN, 10);
    DeterministicChain.Step genesis = chain.next();
    store.applyBlock(genesis.block(), null, genesis.adds(), genesis.removes(), genesis.registry());
    DeterministicChain.Step one = chain.next();
    store.applyBlock(one.block(), one.certificate(), one.adds(), one.removes(), one.registry());
    BlockStore blocks = store.blocks();
    assertThat(blocks.blockAt(1)).contains(one.block());
    assertThat(blocks.block(one.block().hash())).contains(one.block());
    assertThat(blocks.heightOf(genesis.block().hash())).contains(0L);
    assertThat(blocks.certificateAt(1)).contains(one.certificate());
    assertThat(blocks.certificate(one.block().hash())).contains(one.certificate());
    assertThat(blocks.certificateAt(0)).as("genesis has no certificate").isEmpty();
    assertThat(blocks.blockAt(2)).isEmpty();
    assertThat(blocks.block(Hash32.ZERO)).isEmpty();
    Transaction tx = one.block().txs().get(3);
    assertThat(blocks.txLocation(tx.txid())).contains(new TxLocation(1, 3));
    assertThat(blocks.transaction(tx.txid())).contains(tx);
    assertThat(blocks.transaction(Hash32.ZERO)).isEmpty();
    try (Stream<Block> range = blocks.blocks(0, 2)) {
      assertThat(range.map(Block::height)).containsExactly(0L, 1L);
    }
  }

  @Test
  void reopenRestoresTipCommitmentAndUtxos() {
    store = openRocks();
    DeterministicChain chain = new DeterministicChain(5, CHAIN, 30);
    applyAll(store, chain, 8);
    store.close();
    store =
        ChainStore.open(
            StorageConfig.defaults(dir.resolve("db")).withMode(OpenMode.MUST_EXIST), CHAIN);
    assertMatches(store, chain);
    applyAll(store, chain, 2);
    assertMatches(store, chain);
  }

  @Test
  void outputsCreatedAndSpentInOneBlockNeverReachTheSet() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(6, CHAIN, 80);
    boolean sawOne = false;
    for (int i = 0; i < 10; i++) {
      DeterministicChain.Step s = chain.next();
      Set<OutPoint> created = new HashSet<>();
      s.adds().forEach(u -> created.add(u.outPoint()));
      sawOne |= s.removes().stream().anyMatch(u -> created.contains(u.outPoint()));
      store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    }
    assertThat(sawOne).as("the chain spends an output of its own block").isTrue();
    assertMatches(store, chain);
  }

  @Test
  void preparedUpdateGivesTheHeaderStateRootAndIsApplied() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(7, CHAIN, 20);
    applyAll(store, chain, 2);
    DeterministicChain.Step s = chain.next();
    StateUpdate update = store.prepare(s.adds(), s.removes(), s.registry());
    assertThat(update.baseRoot()).isEqualTo(store.stateRoot());
    assertThat(update.stateRoot()).isEqualTo(s.block().header().stateRoot());
    store.applyBlock(s.block(), s.certificate(), update, s.registry());
    assertMatches(store, chain);
  }

  @Test
  void theStateRootCommitsToTheRegistryRecordsAsWellAsTheUtxos() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(15, CHAIN, 10);
    applyAll(store, chain, 4);
    assertThat(store.registry().size()).isPositive();
    assertThat(store.recomputeStateRoot()).isEqualTo(store.stateRoot());
    Hash32 utxosOnly = store.stateRoot();
    DeterministicChain.Step s = chain.next();
    assertThat(s.registry().isEmpty()).isFalse();
    // The same block's changes without its registry part give another root: the block is refused
    // and nothing is written.
    assertThatThrownBy(
            () ->
                store.applyBlock(
                    s.block(), s.certificate(), s.adds(), s.removes(), RegistryStore.Changes.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTXO and registry changes give");
    assertThat(store.stateRoot()).isEqualTo(utxosOnly);
    store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    assertThat(store.recomputeStateRoot()).isEqualTo(s.block().header().stateRoot());
    assertMatches(store, chain);
  }

  @Test
  void preparingTheSameChangesAgainOnTheSameTipReusesTheUpdate() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(14, CHAIN, 20);
    applyAll(store, chain, 2);
    DeterministicChain.Step s = chain.next();
    StateUpdate first = store.prepare(s.adds(), s.removes(), s.registry());
    // Equal changes in new lists, as a block decoded again would give.
    StateUpdate again =
        store.prepare(List.copyOf(s.adds()), List.copyOf(s.removes()), s.registry());
    assertThat(again).isSameAs(first);
    // The same UTXO changes with other registry changes are another update.
    assertThat(store.prepare(s.adds(), s.removes()).stateRoot()).isNotEqualTo(first.stateRoot());
    store.discardPrepared();
    StateUpdate hashedAgain = store.prepare(s.adds(), s.removes(), s.registry());
    assertThat(hashedAgain).isNotSameAs(first);
    assertThat(hashedAgain.stateRoot()).isEqualTo(first.stateRoot());
    List<Utxo> fewer = s.adds().subList(1, s.adds().size());
    StateUpdate other = store.prepare(fewer, s.removes(), s.registry());
    assertThat(other).isNotSameAs(first);
    assertThat(other.stateRoot()).isNotEqualTo(first.stateRoot());
    store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    assertMatches(store, chain);
    // On the new tip nothing kept applies: the same changes hash again on the new state.
    StateUpdate onNewTip = store.prepare(s.adds(), s.removes(), s.registry());
    assertThat(onNewTip).isNotSameAs(first);
    assertThat(onNewTip.baseRoot()).isEqualTo(store.stateRoot());
  }

  @Test
  void staleUpdateIsRecomputedOnTheCurrentState() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(8, CHAIN, 20);
    applyAll(store, chain, 1);
    DeterministicChain.Step s1 = chain.next();
    StateUpdate prepared = store.prepare(s1.adds(), s1.removes());
    store.applyBlock(s1.block(), s1.certificate(), s1.adds(), s1.removes(), s1.registry());
    assertThat(prepared.baseRoot()).isNotEqualTo(store.stateRoot());
    DeterministicChain.Step s2 = chain.next();
    // Block 2's changes, but carried by an update whose base is the state before block 1.
    StateUpdate stale =
        new StateUpdate(
            prepared.baseRoot(), LtHash16.empty(), s2.adds(), s2.removes(), s2.registry());
    store.applyBlock(s2.block(), s2.certificate(), stale, s2.registry());
    assertMatches(store, chain);
  }

  @Test
  void blockThatDoesNotFollowTheTipIsRefusedAndChangesNothing() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(9, CHAIN, 10);
    applyAll(store, chain, 2);
    DeterministicChain.Step s = chain.next();
    DeterministicChain.Step skipped = chain.next();
    ChainTip before = store.tip().orElseThrow();
    assertThatThrownBy(
            () ->
                store.applyBlock(
                    skipped.block(), skipped.certificate(), skipped.adds(), skipped.removes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not follow the tip");
    // Same height, wrong parent.
    DeterministicChain other = new DeterministicChain(10, CHAIN, 10);
    other.next();
    other.next();
    DeterministicChain.Step foreign = other.next();
    assertThatThrownBy(
            () ->
                store.applyBlock(
                    foreign.block(), foreign.certificate(), foreign.adds(), foreign.removes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not extend the tip");
    assertThat(store.tip()).contains(before);
    store.applyBlock(s.block(), s.certificate(), s.adds(), s.removes(), s.registry());
    assertThat(store.tip().orElseThrow().height()).isEqualTo(2);
  }

  @Test
  void missingOrMismatchedCertificateIsRefused() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(11, CHAIN, 10);
    applyAll(store, chain, 1);
    DeterministicChain.Step s = chain.next();
    assertThatThrownBy(() -> store.applyBlock(s.block(), null, s.adds(), s.removes(), s.registry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a certificate");
    CommitCertificate wrong = new CommitCertificate(1, 0, Hash32.ZERO, List.of());
    assertThatThrownBy(() -> store.applyBlock(s.block(), wrong, s.adds(), s.removes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not for block");
    assertThat(store.tip().orElseThrow().height()).isZero();
  }

  @Test
  void wrongStateRootIsRefusedAndChangesNothing() {
    store = openMemory();
    DeterministicChain chain = new DeterministicChain(12, CHAIN, 10);
    applyAll(store, chain, 1);
    Hash32 rootBefore = store.stateRoot();
    DeterministicChain.Step s = chain.next();
    List<Utxo> fewerAdds = s.adds().subList(1, s.adds().size());
    assertThatThrownBy(() -> store.applyBlock(s.block(), s.certificate(), fewerAdds, s.removes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state root");
    assertThat(store.stateRoot()).isEqualTo(rootBefore);
    assertThat(store.tip().orElseThrow().height()).isZero();
    assertThat(store.recomputeStateRoot()).isEqualTo(rootBefore);
  }

  @Test
  void streamByAddressReturnsExactlyThatAddressesOutputs() {
    store = openRocks();
    DeterministicChain chain = new DeterministicChain(13, CHAIN, 60);
    applyAll(store, chain, 6);
    for (int a = 0; a < 16; a++) {
      var address = DeterministicChain.address(a);
      Set<Utxo> expected =
          chain.utxos().values().stream()
              .filter(u -> u.address().equals(address))
              .collect(Collectors.toSet());
      try (Stream<Utxo> s = store.utxos().streamUtxos(address)) {
        assertThat(s.collect(Collectors.toSet())).as("address %d", a).isEqualTo(expected);
      }
    }
    try (Stream<Utxo> none = store.utxos().streamUtxos(DeterministicChain.address(200))) {
      assertThat(none).isEmpty();
    }
  }
}
