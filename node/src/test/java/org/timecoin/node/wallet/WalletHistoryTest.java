package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.node.wallet.Coins.ALICE_ADDR;
import static org.timecoin.node.wallet.Coins.BOB_ADDR;
import static org.timecoin.node.wallet.Coins.coin;
import static org.timecoin.node.wallet.Coins.funding;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

class WalletHistoryTest {
  final WalletHistory history = new WalletHistory(3);
  final WalletCoins coins = new WalletCoins();

  WalletCoins.Reservation reserve() throws Exception {
    coins.add(List.of(coin(history.size() + 10, 10_000, ALICE_ADDR)));
    return coins
        .reserve((a, t) -> CoinSelector.forPayment(a, t, 5_000, CoinSelectorTest.ONE_PER_BYTE))
        .reservation();
  }

  static Transaction tx(int tag) {
    return funding(tag, new TxOut(5_000, BOB_ADDR));
  }

  static WalletCoins.TxEffect effect(Transaction tx) {
    return new WalletCoins.TxEffect(tx, 10_000, 0, true);
  }

  @Test
  void aSendGoesPendingMempoolFinal() throws Exception {
    Transaction t = tx(1);
    history.pending(t, -6_000, 1_000, reserve(), 5);
    assertThat(history.get(t.txid()).orElseThrow().state()).isEqualTo(TxState.PENDING);
    history.admitted(t.txid());
    assertThat(history.get(t.txid()).orElseThrow().state()).isEqualTo(TxState.MEMPOOL);
    history.finalized(effect(t), 9, Hash32.ZERO, 6);
    WalletTx w = history.get(t.txid()).orElseThrow();
    assertThat(w.state()).isEqualTo(TxState.FINAL);
    assertThat(w.height()).isEqualTo(9);
    assertThat(w.amount()).isEqualTo(-6_000);
    assertThat(history.openCount()).isZero();
    history.admitted(t.txid());
    assertThat(history.rejected(t.txid(), "late")).isEmpty();
    assertThat(history.get(t.txid()).orElseThrow().state()).isEqualTo(TxState.FINAL);
  }

  @Test
  void aRejectedSendGivesBackItsReservationOnce() throws Exception {
    Transaction t = tx(1);
    WalletCoins.Reservation r = reserve();
    history.pending(t, -6_000, 1_000, r, 5);
    assertThat(history.rejected(t.txid(), "fee-too-low: fee 1 below 1000")).contains(r);
    WalletTx w = history.get(t.txid()).orElseThrow();
    assertThat(w.state()).isEqualTo(TxState.REJECTED);
    assertThat(w.reason()).isEqualTo("fee-too-low: fee 1 below 1000");
    assertThat(history.rejected(t.txid(), "again")).isEmpty();
  }

  @Test
  void anAdmittedSendTheMempoolNoLongerHoldsWasEvicted() throws Exception {
    Transaction kept = tx(1);
    Transaction gone = tx(2);
    Transaction stillPending = tx(3);
    history.pending(kept, -1, 1, reserve(), 5);
    WalletCoins.Reservation r = reserve();
    history.pending(gone, -1, 1, r, 5);
    history.pending(stillPending, -1, 1, reserve(), 5);
    history.admitted(kept.txid());
    history.admitted(gone.txid());
    assertThat(history.evicted(txid -> txid.equals(kept.txid()))).containsExactly(r);
    assertThat(history.get(gone.txid()).orElseThrow().reason()).contains("evicted");
    assertThat(history.get(kept.txid()).orElseThrow().state()).isEqualTo(TxState.MEMPOOL);
    assertThat(history.get(stillPending.txid()).orElseThrow().state()).isEqualTo(TxState.PENDING);
  }

  @Test
  void aRejectedSendTheChainFinalizedAnywayBecomesFinal() throws Exception {
    Transaction t = tx(1);
    history.pending(t, -1, 1, reserve(), 5);
    history.rejected(t.txid(), "evicted");
    history.finalized(effect(t), 4, Hash32.ZERO, 6);
    assertThat(history.get(t.txid()).orElseThrow().state()).isEqualTo(TxState.FINAL);
  }

  @Test
  void aPaymentInIsRecordedWhenItsBlockArrives() {
    Transaction in = funding(1, new TxOut(5_000, ALICE_ADDR));
    history.finalized(new WalletCoins.TxEffect(in, 0, 5_000, false), 3, Hash32.ZERO, 7);
    WalletTx w = history.get(in.txid()).orElseThrow();
    assertThat(w.amount()).isEqualTo(5_000);
    assertThat(w.fee()).isZero();
    assertThat(w.state()).isEqualTo(TxState.FINAL);
  }

  @Test
  void theHistoryForgetsTheOldestSettledTransactionsButNeverAnOpenOne() throws Exception {
    Transaction open = tx(100);
    history.pending(open, -1, 1, reserve(), 1);
    for (int i = 0; i < 5; i++) {
      history.finalized(effect(tx(i)), i, Hash32.ZERO, i);
    }
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.get(open.txid())).isPresent();
    assertThat(history.latest(2))
        .extracting(WalletTx::txid)
        .containsExactly(tx(3).txid(), tx(4).txid());
  }
}
