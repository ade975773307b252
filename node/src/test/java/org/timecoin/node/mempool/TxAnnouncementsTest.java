package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxIds;

/** Relay by announcement: who is asked for what, what is answered, and the relay's side of it. */
class TxAnnouncementsTest {
  final KeyPair peerA = KeyPair.fromSeed(Sha256.digest(new byte[] {21}));
  final KeyPair peerB = KeyPair.fromSeed(Sha256.digest(new byte[] {22}));
  final FakeNetwork net = new FakeNetwork(KeyPair.fromSeed(new byte[32]).publicKey());
  final VirtualClock clock = new VirtualClock();
  final Set<Hash32> known = new HashSet<>();
  final Map<Hash32, Transaction> mempool = new HashMap<>();
  final TxAnnouncements announcements =
      new TxAnnouncements(
          net, known::contains, id -> Optional.ofNullable(mempool.get(id)), clock, 1 << 20);

  TxAnnouncementsTest() {
    net.connect(FakeNetwork.peer(peerA.publicKey(), 0));
    net.connect(FakeNetwork.peer(peerB.publicKey(), 0));
  }

  static TxIds ids(Transaction... txs) {
    return new TxIds(List.of(txs).stream().map(Transaction::txid).toList());
  }

  @Test
  void onlyTransactionsNotKnownAreAskedForAndOnlyOfTheAnnouncer() {
    known.add(TxRelayTest.tx(1).txid());
    announcements.onAnnounced(peerA.publicKey(), ids(TxRelayTest.tx(1), TxRelayTest.tx(2)));
    assertThat(net.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.to()).isEqualTo(peerA.publicKey());
              assertThat(((TxIds) s.message()).ids()).containsExactly(TxRelayTest.tx(2).txid());
            });
  }

  @Test
  void aTransactionAskedForIsNotAskedOfASecondAnnouncerUntilTheFirstHadTimeToAnswer() {
    announcements.onAnnounced(peerA.publicKey(), ids(TxRelayTest.tx(3)));
    announcements.onAnnounced(peerB.publicKey(), ids(TxRelayTest.tx(3)));
    assertThat(net.sentOf(NodeMessages.GET_TXS)).hasSize(1);
    clock.advance(Duration.ofNanos(TxAnnouncements.ASK_AGAIN_AFTER_NANOS));
    announcements.onAnnounced(peerB.publicKey(), ids(TxRelayTest.tx(3)));
    assertThat(net.sent).hasSize(2);
    assertThat(net.sent.get(1).to()).isEqualTo(peerB.publicKey());
    assertThat(announcements.requested()).isEqualTo(2);
  }

  @Test
  void aRequestThatCouldNotBeSentLeavesTheTransactionFreeToBeAskedOfTheNextAnnouncer() {
    net.queuesFull = true;
    announcements.onAnnounced(peerA.publicKey(), ids(TxRelayTest.tx(20)));
    net.queuesFull = false;
    announcements.onAnnounced(peerB.publicKey(), ids(TxRelayTest.tx(20)));
    assertThat(net.sent)
        .singleElement()
        .satisfies(s -> assertThat(s.to()).isEqualTo(peerB.publicKey()));
    assertThat(announcements.requested()).isEqualTo(1);
  }

  @Test
  void requestsAreAnsweredWithTheWaitingTransactionsAndUnknownIdsAreSkipped() {
    mempool.put(TxRelayTest.tx(4).txid(), TxRelayTest.tx(4));
    announcements.onRequested(peerA.publicKey(), ids(TxRelayTest.tx(4), TxRelayTest.tx(5)));
    assertThat(net.sentOf(NodeMessages.TXS))
        .singleElement()
        .satisfies(b -> assertThat(b.txs()).containsExactly(TxRelayTest.tx(4)));
    announcements.onRequested(peerA.publicKey(), ids(TxRelayTest.tx(6)));
    assertThat(net.sent).as("nothing to answer").hasSize(1);
  }

  @Test
  void aLargeAnswerIsSplitIntoFramesOfAtMostTheBatchBytes() {
    int size = TxRelayTest.tx(0).encodedSize();
    TxAnnouncements small =
        new TxAnnouncements(
            net, id -> false, id -> Optional.ofNullable(mempool.get(id)), clock, 2 * size);
    Transaction[] txs = new Transaction[5];
    for (int i = 0; i < txs.length; i++) {
      txs[i] = TxRelayTest.tx(10 + i);
      mempool.put(txs[i].txid(), txs[i]);
    }
    small.onRequested(peerB.publicKey(), ids(txs));
    assertThat(net.sentOf(NodeMessages.TXS))
        .extracting(b -> b.txs().size())
        .containsExactly(2, 2, 1);
    assertThat(small.served()).isEqualTo(5);
  }

  @Test
  void withAnnouncementsTheRelaySendsTxidsAndNothingBackToTheOrigin() {
    VirtualScheduler scheduler = new VirtualScheduler(clock);
    TxRelay relay = new TxRelay(net, scheduler, TxRelayTest.DELAY, 100, 1 << 20, true);
    relay.receivedFrom(TxRelayTest.tx(7).txid(), peerA.publicKey());
    relay.relay(TxRelayTest.tx(7));
    relay.relay(TxRelayTest.tx(8));
    scheduler.runFor(TxRelayTest.DELAY);
    assertThat(net.sentOf(NodeMessages.TXS)).isEmpty();
    assertThat(net.sent)
        .filteredOn(s -> s.to().equals(peerA.publicKey()))
        .singleElement()
        .satisfies(s -> assertThat(s.message()).isEqualTo(ids(TxRelayTest.tx(8))));
    assertThat(net.sent)
        .filteredOn(s -> s.to().equals(peerB.publicKey()))
        .singleElement()
        .satisfies(
            s -> assertThat(s.message()).isEqualTo(ids(TxRelayTest.tx(7), TxRelayTest.tx(8))));
    assertThat(net.sent).allMatch(s -> s.type().id() == NodeMessages.TX_INV.id());
  }
}
