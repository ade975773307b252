package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;
import org.timecoin.p2p.RateLimit;

class TransactionHandlerTest {
  final VirtualClock clock = new VirtualClock();
  final VirtualScheduler scheduler = new VirtualScheduler(clock);
  final PublicKey alice = KeyPair.fromSeed(Sha256.digest(new byte[] {21})).publicKey();
  final PublicKey bob = KeyPair.fromSeed(Sha256.digest(new byte[] {22})).publicKey();
  final FakeNetwork net = new FakeNetwork(KeyPair.fromSeed(new byte[32]).publicKey());
  final MapUtxoView view = new MapUtxoView();
  final Mempool mempool;
  final TransactionHandler handler;

  TransactionHandlerTest() {
    TxRelay relay = new TxRelay(net, scheduler, Duration.ofMillis(10), 100, 1 << 20, false);
    mempool =
        new Mempool(
            MempoolTest.CHAIN,
            ConsensusParams.defaults(),
            view,
            new SignatureCache(100),
            Runnable::run,
            MempoolPolicy.of(100, 10_000_000),
            relay::relay,
            clock);
    handler =
        new TransactionHandler(
            net,
            mempool,
            relay,
            new PeerTxBudget(
                new PeerTxBudget.Limits(10, 1 << 20, 100), Duration.ofMinutes(10), clock));
    handler.register(RateLimit.UNLIMITED, Runnable::run);
    net.connect(FakeNetwork.peer(alice, 0));
    net.connect(FakeNetwork.peer(bob, 0));
  }

  OutPoint coin(int n) {
    OutPoint p = new OutPoint(Sha256.hash(new byte[] {9, (byte) n}), 0);
    view.add(
        new org.timecoin.domain.tx.Utxo(
            p,
            new org.timecoin.domain.tx.TxOut(
                1_000_000,
                org.timecoin.domain.tx.Address.fromPublicKey(MempoolTest.ALICE.publicKey())),
            0,
            false));
    return p;
  }

  void deliver(PublicKey from, Transaction... txs) {
    net.deliver(from, NodeMessages.TXS, new TxBatch(List.of(txs)));
  }

  @Test
  void aValidTransactionIsAdmittedAndRelayedToTheOthersOnly() {
    Transaction tx = MempoolTest.pay(coin(1), 990_000);
    deliver(alice, tx);
    assertThat(mempool.contains(tx.txid())).isTrue();
    scheduler.runFor(Duration.ofMillis(10));
    assertThat(net.sent).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo(bob));
    assertThat(net.points).isEmpty();
  }

  @Test
  void anInvalidSignatureCostsItsRelayerAndOnlyItsRelayer() {
    Transaction forged =
        new TxBuilder()
            .input(coin(1), MempoolTest.ALICE)
            .output(990_000, MempoolTest.BOB_ADDR)
            .sign(org.timecoin.common.Hash32.ZERO); // signed for another chain
    deliver(alice, forged);
    assertThat(net.points)
        .containsExactly(java.util.Map.entry(alice, TransactionHandler.INVALID_PENALTY));
    assertThat(net.penalties).singleElement().asString().contains("bad-signature");
    assertThat(handler.transactionsBlamed()).isEqualTo(1);
  }

  @Test
  void afterAnInvalidTransactionTheRestOfWhatItsSenderSentIsDroppedUnverified() {
    Transaction forged =
        new TxBuilder()
            .input(coin(1), MempoolTest.ALICE)
            .output(990_000, MempoolTest.BOB_ADDR)
            .sign(org.timecoin.common.Hash32.ZERO);
    Transaction valid = MempoolTest.pay(coin(2), 990_000);
    deliver(alice, forged, valid);
    deliver(alice, MempoolTest.pay(coin(3), 990_000));
    assertThat(mempool.size()).isZero();
    assertThat(mempool.admissionCost().signatureChecks()).isEqualTo(1);
    assertThat(mempool.admissionCost().inputsLookedUp())
        .as("the forged one's input only")
        .isEqualTo(1);
    assertThat(net.points)
        .containsExactly(java.util.Map.entry(alice, TransactionHandler.INVALID_PENALTY));

    deliver(bob, valid);
    assertThat(mempool.contains(valid.txid())).as("other senders are heard").isTrue();
  }

  @Test
  void spendingAnOutputTheChainSpentCostsLess() {
    OutPoint c = coin(1);
    view.spend(c);
    deliver(alice, MempoolTest.pay(c, 990_000));
    assertThat(net.points)
        .containsExactly(java.util.Map.entry(alice, TransactionHandler.SPENT_PENALTY));
  }

  @Test
  void aCopyThatCrossedTheBlockSpendingItsInputIsNotBlamed() {
    OutPoint c = coin(1);
    Transaction inBlock = MempoolTest.pay(c, 990_000);
    // The writer records the block's spends before the store applies it: an admission that
    // finds the output gone a moment later knows a block took it.
    mempool.beforeBlockApplied(MempoolTest.block(inBlock));
    view.spend(c);
    deliver(alice, MempoolTest.pay(c, 980_000), inBlock);
    assertThat(net.points).isEmpty();
    assertThat(mempool.size()).isZero();
  }

  @Test
  void unknownInputsAndDuplicatesCostNothing() {
    OutPoint nowhere = new OutPoint(Sha256.hash(new byte[] {77}), 0);
    Transaction tx = MempoolTest.pay(coin(1), 990_000);
    deliver(alice, MempoolTest.pay(nowhere, 990_000), tx);
    deliver(bob, tx);
    assertThat(net.points).isEmpty();
    assertThat(handler.transactionsBlamed()).isZero();
  }

  @Test
  void aBatchOverTheSendersBudgetIsDroppedUnreadAndCostsItsSender() {
    Transaction[] eleven = new Transaction[11];
    for (int i = 0; i < eleven.length; i++) {
      eleven[i] = MempoolTest.pay(coin(i), 990_000);
    }
    deliver(alice, eleven);
    assertThat(mempool.size()).isZero();
    assertThat(mempool.admissionCost().inputsLookedUp()).isZero();
    assertThat(net.points)
        .containsExactly(java.util.Map.entry(alice, TransactionHandler.FLOOD_PENALTY));
    assertThat(handler.batchesOverBudget()).isEqualTo(1);
  }

  @Test
  void inputsCountAgainstTheBudget() {
    TxBuilder b = new TxBuilder();
    for (int i = 0; i < 101; i++) {
      b.input(coin(i), MempoolTest.ALICE);
    }
    deliver(alice, b.output(990_000, MempoolTest.BOB_ADDR).unsigned());
    assertThat(mempool.admissionCost().inputsLookedUp()).isZero();
    assertThat(net.points)
        .containsExactly(java.util.Map.entry(alice, TransactionHandler.FLOOD_PENALTY));
  }

  @Test
  void aBatchFromAPeerThatLeftIsIgnored() {
    net.disconnect(alice);
    deliver(alice, MempoolTest.pay(coin(1), 990_000));
    assertThat(mempool.size()).isZero();
    assertThat(net.points).isEmpty();
  }

  @Test
  void aTransactionIsListedAsArrivingWhileItsAdmissionIsUnderWay() {
    java.util.concurrent.CompletableFuture<java.util.Map<OutPoint, org.timecoin.domain.tx.Utxo>>
        lookup = new java.util.concurrent.CompletableFuture<>();
    TxRelay relay = new TxRelay(net, scheduler, Duration.ofMillis(10), 100, 1 << 20, false);
    Mempool slow =
        new Mempool(
            MempoolTest.CHAIN,
            ConsensusParams.defaults(),
            outPoints -> lookup,
            new SignatureCache(100),
            Runnable::run,
            MempoolPolicy.of(100, 10_000_000),
            relay::relay,
            clock);
    TransactionHandler h =
        new TransactionHandler(
            net,
            slow,
            relay,
            new PeerTxBudget(
                new PeerTxBudget.Limits(10, 1 << 20, 100), Duration.ofMinutes(10), clock));
    Transaction tx = MempoolTest.pay(coin(40), 990_000);
    h.onMessage(alice, new TxBatch(List.of(tx)));
    List<Transaction> arriving = new java.util.ArrayList<>();
    h.forEachArriving(arriving::add);
    assertThat(arriving).containsExactly(tx);

    lookup.complete(java.util.Map.of()); // its input is unknown: refused
    arriving.clear();
    h.forEachArriving(arriving::add);
    assertThat(arriving).isEmpty();
  }
}
