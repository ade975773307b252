package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.FakeNetwork.Sent;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;

class TxRelayTest {
  static final Duration DELAY = Duration.ofMillis(10);
  final KeyPair peerA = KeyPair.fromSeed(Sha256.digest(new byte[] {11}));
  final KeyPair peerB = KeyPair.fromSeed(Sha256.digest(new byte[] {12}));
  final FakeNetwork net = new FakeNetwork(KeyPair.fromSeed(new byte[32]).publicKey());
  final VirtualScheduler scheduler = new VirtualScheduler(new VirtualClock());
  final TxRelay relay = new TxRelay(net, scheduler, DELAY, 3, 1 << 20, false);

  TxRelayTest() {
    net.connect(FakeNetwork.peer(peerA.publicKey(), 0));
    net.connect(FakeNetwork.peer(peerB.publicKey(), 0));
  }

  static Transaction tx(int n) {
    return MempoolTest.pay(new OutPoint(Sha256.hash(new byte[] {7, (byte) n}), 0), 990_000);
  }

  static List<Hash32> txids(Sent s) {
    return ((TxBatch) s.message()).txs().stream().map(Transaction::txid).toList();
  }

  @Test
  void transactionsAdmittedTogetherLeaveInOneFrameAfterTheDelay() {
    relay.relay(tx(1));
    relay.relay(tx(2));
    assertThat(net.sent).isEmpty();
    scheduler.runFor(DELAY.minusMillis(1));
    assertThat(net.sent).isEmpty();
    scheduler.runFor(Duration.ofMillis(1));
    assertThat(net.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.to()).as("broadcast").isNull();
              assertThat(txids(s)).containsExactly(tx(1).txid(), tx(2).txid());
            });
    scheduler.runFor(DELAY.multipliedBy(5));
    assertThat(net.sent).hasSize(1);
  }

  @Test
  void aFullBatchLeavesAtOnceAndTheRestWaitsForTheDelay() {
    relay.relay(tx(1));
    relay.relay(tx(2));
    relay.relay(tx(3));
    relay.relay(tx(4));
    assertThat(net.sentOf(NodeMessages.TXS))
        .singleElement()
        .extracting(b -> b.txs().size())
        .isEqualTo(3);
    scheduler.runFor(DELAY);
    assertThat(net.sentOf(NodeMessages.TXS)).hasSize(2);
    assertThat(net.sentOf(NodeMessages.TXS).get(1).txs())
        .extracting(Transaction::txid)
        .containsExactly(tx(4).txid());
  }

  @Test
  void aTransactionIsNotSentBackToThePeerItCameFrom() {
    relay.receivedFrom(tx(1).txid(), peerA.publicKey());
    relay.relay(tx(1));
    relay.relay(tx(2));
    scheduler.runFor(DELAY);
    assertThat(net.sent).hasSize(2);
    Sent toA =
        net.sent.stream().filter(s -> peerA.publicKey().equals(s.to())).findFirst().orElseThrow();
    Sent toB =
        net.sent.stream().filter(s -> peerB.publicKey().equals(s.to())).findFirst().orElseThrow();
    assertThat(txids(toA)).containsExactly(tx(2).txid());
    assertThat(txids(toB)).containsExactly(tx(1).txid(), tx(2).txid());
  }

  @Test
  void aBatchOnlyOfTransactionsFromOnePeerGoesToTheOthersOnly() {
    relay.receivedFrom(tx(1).txid(), peerB.publicKey());
    relay.relay(tx(1));
    scheduler.runFor(DELAY);
    assertThat(net.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.to()).isEqualTo(peerA.publicKey());
              assertThat(txids(s)).containsExactly(tx(1).txid());
            });
  }

  @Test
  void batchesAreSplitByBytesAsWellAsByCount() {
    int size = tx(1).encodedSize();
    TxRelay byBytes =
        new TxRelay(net, scheduler, DELAY, TxBatch.MAX_TXS, 2 * size + size / 2, false);
    byBytes.relay(tx(1));
    byBytes.relay(tx(2));
    assertThat(net.sent).as("two fit").isEmpty();
    byBytes.relay(tx(3));
    assertThat(net.sentOf(NodeMessages.TXS))
        .as("the third would overflow the bytes: the first two leave without it")
        .singleElement()
        .extracting(b -> b.txs().size())
        .isEqualTo(2);
    scheduler.runFor(DELAY);
    assertThat(net.sentOf(NodeMessages.TXS)).hasSize(2);
    assertThat(net.sentOf(NodeMessages.TXS).get(1).txs())
        .extracting(Transaction::txid)
        .containsExactly(tx(3).txid());
  }

  @Test
  void aTransactionLargerThanTheByteCapLeavesAloneAtOnce() {
    TxRelay tiny = new TxRelay(net, scheduler, DELAY, TxBatch.MAX_TXS, 10, false);
    tiny.relay(tx(1));
    tiny.relay(tx(2));
    assertThat(net.sentOf(NodeMessages.TXS)).extracting(b -> b.txs().size()).containsExactly(1, 1);
  }

  @Test
  void theDefaultByteCapStaysFarBelowTheFrameLimit() {
    TxRelay small = new TxRelay(net, scheduler, 64 * 1024, false);
    int size = tx(1).encodedSize();
    int perBatch = (16 * 1024) / size; // a quarter of the frame
    for (int i = 0; i <= perBatch; i++) {
      small.relay(tx(i));
    }
    assertThat(net.sentOf(NodeMessages.TXS))
        .singleElement()
        .satisfies(
            b -> assertThat(TxBatch.CODEC.encode(b).length).isLessThanOrEqualTo(16 * 1024 + 8));
  }

  @Test
  void batchSizesOutsideWhatAMessageHoldsAreRefused() {
    assertThatThrownBy(() -> new TxRelay(net, scheduler, DELAY, 0, 1 << 20, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new TxRelay(net, scheduler, DELAY, TxBatch.MAX_TXS + 1, 1 << 20, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TxRelay(net, scheduler, DELAY, 3, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTransactionReceivedIsKnownAsArrivingUntilItIsRelayed() {
    relay.receivedFrom(tx(9).txid(), peerA.publicKey());
    assertThat(relay.receivedLately(tx(9).txid())).isTrue();
    assertThat(relay.receivedLately(tx(8).txid())).isFalse();
    relay.relay(tx(9));
    scheduler.runFor(DELAY);
    assertThat(relay.receivedLately(tx(9).txid())).isFalse();
    relay.receivedFrom(tx(7).txid(), peerA.publicKey());
    relay.refused(tx(7).txid());
    assertThat(relay.receivedLately(tx(7).txid())).as("refused: ask again").isFalse();
  }
}
