package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.SignatureCache;

class MempoolTest {
  static final Hash32 CHAIN = Sha256.hash(new byte[] {1});
  static final KeyPair ALICE = KeyPair.fromSeed(Sha256.digest(new byte[] {2}));
  static final KeyPair BOB = KeyPair.fromSeed(Sha256.digest(new byte[] {3}));
  static final Address BOB_ADDR = Address.fromPublicKey(BOB.publicKey());

  final MapUtxoView view = new MapUtxoView();
  final SignatureCache cache = new SignatureCache(1000);
  final List<Transaction> gossiped = new ArrayList<>();

  Mempool mempool(int maxTxs, long maxBytes) {
    return mempool(maxTxs, maxBytes, org.timecoin.common.time.Clock.SYSTEM);
  }

  Mempool mempool(int maxTxs, long maxBytes, org.timecoin.common.time.Clock clock) {
    return new Mempool(
        CHAIN,
        ConsensusParams.defaults(),
        view,
        cache,
        Runnable::run,
        MempoolPolicy.of(maxTxs, maxBytes),
        gossiped::add,
        clock);
  }

  /** A fresh 1,000,000-unit output owned by ALICE. */
  OutPoint coin(int n) {
    OutPoint p = new OutPoint(Sha256.hash(new byte[] {9, (byte) n}), 0);
    view.add(new Utxo(p, new TxOut(1_000_000, Address.fromPublicKey(ALICE.publicKey())), 0, false));
    return p;
  }

  static Transaction pay(OutPoint from, long amount) {
    return new TxBuilder().input(from, ALICE).output(amount, BOB_ADDR).sign(CHAIN);
  }

  AdmitResult submit(Mempool m, Transaction tx) {
    return m.submit(tx).join();
  }

  @Test
  void admitsAValidTransactionGossipsItAndCachesItsSignatures() {
    Mempool m = mempool(10, 1_000_000);
    Transaction tx = pay(coin(1), 990_000);
    AdmitResult r = submit(m, tx);
    assertThat(r.admitted()).as(r.toString()).isTrue();
    assertThat(m.contains(tx.txid())).isTrue();
    assertThat(m.bytes()).isEqualTo(tx.encodedSize());
    assertThat(gossiped).containsExactly(tx);
    assertThat(cache.isVerified(tx.txid())).isTrue();
  }

  @Test
  void refusesATransactionWhenTheSignaturePoolIsSaturated() {
    Mempool m =
        new Mempool(
            CHAIN,
            ConsensusParams.defaults(),
            view,
            cache,
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("queue full");
            },
            MempoolPolicy.of(10, 1_000_000),
            gossiped::add,
            org.timecoin.common.time.Clock.SYSTEM);
    Transaction tx = pay(coin(1), 990_000);
    AdmitResult r = submit(m, tx);
    assertThat(r.code()).isEqualTo(AdmitResult.BUSY);
    assertThat(m.contains(tx.txid())).isFalse();
    assertThat(gossiped).isEmpty();
  }

  @Test
  void beyondTheAdmissionsInFlightATransactionIsRefusedAsBusy() {
    java.util.concurrent.CompletableFuture<java.util.Map<OutPoint, Utxo>> never =
        new java.util.concurrent.CompletableFuture<>();
    Mempool m =
        new Mempool(
                CHAIN,
                ConsensusParams.defaults(),
                outPoints -> never,
                cache,
                Runnable::run,
                MempoolPolicy.of(10, 1_000_000),
                gossiped::add,
                org.timecoin.common.time.Clock.SYSTEM)
            .limitInFlight(2);
    var first = m.submit(pay(coin(1), 990_000));
    var second = m.submit(pay(coin(2), 990_000));
    AdmitResult third = m.submit(pay(coin(3), 990_000)).join();
    assertThat(third.code()).isEqualTo(AdmitResult.BUSY);
    assertThat(first).isNotDone();
    never.complete(java.util.Map.of());
    assertThat(first.join().admitted()).isFalse(); // its input is unknown now
    assertThat(second.join().admitted()).isFalse();
    assertThat(m.submit(pay(coin(4), 990_000)).join().code())
        .as("slots are free again")
        .isNotEqualTo(AdmitResult.BUSY);
  }

  @Test
  void rejectsADuplicate() {
    Mempool m = mempool(10, 1_000_000);
    Transaction tx = pay(coin(1), 990_000);
    submit(m, tx);
    assertThat(submit(m, tx).code()).isEqualTo(AdmitResult.ALREADY_KNOWN);
    assertThat(gossiped).hasSize(1);
    assertThat(m.rejectedCount()).isEqualTo(1);
  }

  @Test
  void rejectsADoubleSpendOfAWaitingTransactionNamingIt() {
    Mempool m = mempool(10, 1_000_000);
    OutPoint c = coin(1);
    Transaction first = pay(c, 990_000);
    submit(m, first);
    AdmitResult r = submit(m, pay(c, 980_000));
    assertThat(r.code()).isEqualTo(AdmitResult.CONFLICT);
    assertThat(r.detail()).contains(first.txid().toHex());
  }

  @Test
  void rejectsStructuralFaults() {
    Mempool m = mempool(10, 1_000_000);
    OutPoint c = coin(1);
    Transaction noInputs = new Transaction(1, List.of(), List.of(new TxOut(1000, BOB_ADDR)), 0, 0);
    assertThat(submit(m, noInputs).code()).isEqualTo("no-inputs");
    Transaction noOutputs = new TxBuilder().input(c, ALICE).sign(CHAIN);
    assertThat(submit(m, noOutputs).code()).isEqualTo("no-outputs");
    Transaction dup =
        new TxBuilder().input(c, ALICE).input(c, ALICE).output(5000, BOB_ADDR).sign(CHAIN);
    assertThat(submit(m, dup).code()).isEqualTo("duplicate-input");
    Transaction dust = new TxBuilder().input(c, ALICE).output(10, BOB_ADDR).sign(CHAIN);
    assertThat(submit(m, dust).code()).isEqualTo("dust");
    assertThat(m.size()).isZero();
  }

  @Test
  void rejectsSpendFaults() {
    Mempool m = mempool(10, 1_000_000);
    OutPoint unknown = new OutPoint(Sha256.hash(new byte[] {7}), 0);
    assertThat(submit(m, pay(unknown, 5000)).code()).isEqualTo("unknown-input");

    OutPoint spent = coin(2);
    view.spend(spent);
    assertThat(submit(m, pay(spent, 5000)).code()).isEqualTo("already-spent");

    OutPoint c = coin(3);
    Transaction wrongKey = new TxBuilder().input(c, BOB).output(5000, BOB_ADDR).sign(CHAIN);
    assertThat(submit(m, wrongKey).code()).isEqualTo("pubkey-mismatch");
    assertThat(submit(m, pay(c, 2_000_000)).code()).isEqualTo("insufficient-funds");
    assertThat(submit(m, pay(c, 999_900)).code()).isEqualTo("fee-too-low");

    Transaction otherChain =
        new TxBuilder().input(c, ALICE).output(990_000, BOB_ADDR).sign(Hash32.ZERO);
    AdmitResult bad = submit(m, otherChain);
    assertThat(bad.code()).isEqualTo("bad-signature");
    assertThat(cache.isVerified(otherChain.txid())).isFalse();
    assertThat(m.size()).isZero();
    assertThat(gossiped).isEmpty();
  }

  @Test
  void rejectsOversizeTransaction() {
    ConsensusParams d = ConsensusParams.defaults();
    ConsensusParams small = ConsensusParams.of(withMaxTx(d.values(), 100));
    Mempool m =
        new Mempool(
            CHAIN,
            small,
            view,
            cache,
            Runnable::run,
            MempoolPolicy.of(10, 1_000_000),
            gossiped::add,
            org.timecoin.common.time.Clock.SYSTEM);
    assertThat(submit(m, pay(coin(1), 990_000)).code()).isEqualTo("oversize-tx");
  }

  @Test
  void whenFullByCountOnlyABetterFeeRateGetsInAndEvictsTheWorst() {
    Mempool m = mempool(2, 1_000_000);
    Transaction low = pay(coin(1), 990_000); // fee 10,000
    Transaction mid = pay(coin(2), 980_000); // fee 20,000
    submit(m, low);
    submit(m, mid);
    assertThat(submit(m, pay(coin(3), 995_000)).code()).isEqualTo(AdmitResult.FULL); // fee 5,000
    Transaction high = pay(coin(4), 950_000); // fee 50,000
    assertThat(submit(m, high).admitted()).isTrue();
    assertThat(m.contains(low.txid())).isFalse();
    assertThat(m.txids()).containsExactly(high.txid(), mid.txid());
  }

  @Test
  void whenFullByBytesTheNewcomerIsRefused() {
    Transaction tx = pay(coin(1), 990_000);
    Mempool m = mempool(100, tx.encodedSize() + 10);
    submit(m, tx);
    assertThat(submit(m, pay(coin(2), 990_000)).code()).isEqualTo(AdmitResult.FULL);
    assertThat(m.bytes()).isEqualTo(tx.encodedSize());
  }

  @Test
  void selectsBestFeeRateFirstWithinLimits() {
    Mempool m = mempool(10, 1_000_000);
    Transaction a = pay(coin(1), 990_000);
    Transaction b = pay(coin(2), 950_000);
    Transaction c = pay(coin(3), 970_000);
    submit(m, a);
    submit(m, b);
    submit(m, c);
    assertThat(m.selectForBlock(1_000_000, 10, Duration.ZERO)).containsExactly(b, c, a);
    assertThat(m.selectForBlock(1_000_000, 2, Duration.ZERO)).containsExactly(b, c);
    assertThat(m.selectForBlock(a.encodedSize(), 10, Duration.ZERO)).containsExactly(b);
  }

  @Test
  void committedBlockEvictsItsTransactionsAndConflictingOnes() {
    Mempool m = mempool(10, 1_000_000);
    OutPoint shared = coin(1);
    Transaction waiting = pay(shared, 990_000);
    Transaction included = pay(coin(2), 990_000);
    Transaction untouched = pay(coin(3), 990_000);
    submit(m, waiting);
    submit(m, included);
    submit(m, untouched);
    Transaction rival = pay(shared, 980_000); // spends the same output as "waiting"
    m.onBlockCommitted(block(included, rival));
    assertThat(m.txids()).containsExactly(untouched.txid());
    assertThat(m.bytes()).isEqualTo(untouched.encodedSize());
    // the output is free again in the mempool's eyes only when the UTXO set says so
    view.spend(shared);
    assertThat(submit(m, waiting).code()).isEqualTo("already-spent");
  }

  @Test
  void aTransactionStoredInABlockIsKnownWhenAPeerRelaysItLate() {
    Mempool m = mempool(10, 1_000_000);
    Transaction tx = pay(coin(1), 990_000);
    submit(m, tx);
    m.onBlockCommitted(block(tx));
    assertThat(m.contains(tx.txid())).isFalse();
    assertThat(m.knows(tx.txid())).isTrue();
    AdmitResult again = submit(m, tx);
    assertThat(again.code()).isEqualTo(AdmitResult.ALREADY_KNOWN);
    assertThat(again.detail()).contains("already in a block");
    assertThat(m.knows(pay(coin(2), 990_000).txid())).isFalse();
  }

  @Test
  void blocksTakeOnlyTransactionsThatWaitedTheSettleTime() {
    org.timecoin.common.time.VirtualClock time = new org.timecoin.common.time.VirtualClock();
    Mempool m = mempool(10, 1_000_000, time);
    Transaction older = pay(coin(1), 990_000);
    submit(m, older);
    time.advance(java.time.Duration.ofMillis(150));
    Transaction newer = pay(coin(2), 980_000); // the better fee rate
    submit(m, newer);
    java.time.Duration settle = java.time.Duration.ofMillis(100);
    assertThat(m.hasTransactionsOlderThan(java.time.Duration.ofMillis(151))).isFalse();
    assertThat(m.hasTransactionsOlderThan(settle)).isTrue();
    assertThat(m.selectForBlock(1_000_000, 10, settle)).containsExactly(older);
    time.advance(java.time.Duration.ofMillis(100));
    assertThat(m.selectForBlock(1_000_000, 10, settle)).containsExactly(newer, older);
    assertThat(m.selectForBlock(1_000_000, 10, Duration.ZERO)).containsExactly(newer, older);
  }

  @Test
  void aBlockCommittedDuringValidationMakesTheAdmissionLookAgain() {
    Mempool m = mempool(10, 1_000_000);
    OutPoint c = coin(1);
    Transaction tx = pay(c, 990_000);
    Transaction rival = pay(c, 980_000);
    view.onRead =
        () -> {
          view.spend(c);
          m.onBlockCommitted(block(rival));
        };
    // the first read still saw the output, but a block landed meanwhile: the retry finds it spent
    AdmitResult r = submit(m, tx);
    assertThat(r.code()).isEqualTo("already-spent");
  }

  static Block block(Transaction... txs) {
    PublicKey zero = PublicKey.of(new byte[32]);
    BlockHeader h =
        new BlockHeader(
            1,
            CHAIN,
            1,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            0,
            zero,
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    List<Transaction> list = new ArrayList<>();
    list.add(new Transaction(1, List.of(), List.of(new TxOut(1, BOB_ADDR)), 1, 0));
    list.addAll(List.of(txs));
    return new Block(h, LastCommit.empty(), list);
  }

  @Test
  void inputsOfUnconfirmedTransactionsAreNotSpendable() {
    Mempool m = mempool(10, 1_000_000);
    Transaction parent = pay(coin(1), 990_000);
    submit(m, parent);
    Transaction child =
        new TxBuilder().input(parent.outPoint(0), BOB).output(980_000, BOB_ADDR).sign(CHAIN);
    assertThat(submit(m, child).code()).isEqualTo("unknown-input");
    assertThat(TxIn.class).isNotNull();
  }

  /** {@code v} with maxTxBytes (index 3 of the encoding order) set to {@code maxTxBytes}. */
  private static long[] withMaxTx(long[] v, long maxTxBytes) {
    v[3] = maxTxBytes;
    return v;
  }

  @Test
  void forEachWalksACopySoOtherThreadsAreNotHeldUpMeanwhile() {
    Mempool m = mempool(10, 1_000_000);
    Transaction tx = pay(coin(1), 990_000);
    assertThat(submit(m, tx).admitted()).isTrue();
    List<Transaction> seen = new ArrayList<>();
    m.forEach(
        t -> {
          seen.add(t);
          // Another thread takes the mempool's lock while the walk is under way.
          assertThat(java.util.concurrent.CompletableFuture.supplyAsync(m::size))
              .succeedsWithin(java.time.Duration.ofSeconds(10))
              .isEqualTo(1);
        });
    assertThat(seen).containsExactly(tx);
  }
}
