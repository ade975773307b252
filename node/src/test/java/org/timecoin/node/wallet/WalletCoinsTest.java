package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.node.wallet.Coins.ALICE_ADDR;
import static org.timecoin.node.wallet.Coins.BOB_ADDR;
import static org.timecoin.node.wallet.Coins.block;
import static org.timecoin.node.wallet.Coins.coin;
import static org.timecoin.node.wallet.Coins.funding;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.api.WalletException;

class WalletCoinsTest {
  final WalletCoins coins = new WalletCoins();
  final FeeSchedule fees = CoinSelectorTest.ONE_PER_BYTE;

  WalletCoins.Reserved pay(long amount) throws WalletException {
    return coins.reserve((a, t) -> CoinSelector.forPayment(a, t, amount, fees));
  }

  @Test
  void blocksAddTheWalletsOutputsAndRemoveWhatTheySpend() {
    Transaction fund = funding(1, new TxOut(5_000, ALICE_ADDR), new TxOut(7_000, BOB_ADDR));
    var effects = coins.apply(block(1, fund), ALICE_ADDR::equals);
    assertThat(effects).singleElement().satisfies(e -> assertThat(e.received()).isEqualTo(5_000));
    assertThat(coins.total()).isEqualTo(5_000);
    assertThat(coins.balance(ALICE_ADDR)).isEqualTo(5_000);
    assertThat(coins.balance(BOB_ADDR)).isZero();

    Transaction spend =
        new Transaction(
            1,
            List.of(TxIn.unsigned(fund.outPoint(0), Coins.ALICE.publicKey())),
            List.of(new TxOut(4_000, BOB_ADDR)),
            0,
            0);
    var spent = coins.apply(block(2, spend), ALICE_ADDR::equals);
    assertThat(spent)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.spent()).isEqualTo(5_000);
              assertThat(e.allInputsOwned()).isTrue();
            });
    assertThat(coins.total()).isZero();
    assertThat(coins.size()).isZero();
    assertThat(coins.apply(block(2, spend), ALICE_ADDR::equals)).isEmpty();
  }

  @Test
  void reservedCoinsAreNotChosenAgainUntilReleased() throws Exception {
    coins.add(List.of(coin(1, 10_000, ALICE_ADDR)));
    WalletCoins.Reserved r = pay(5_000);
    assertThat(coins.availableTotal()).isZero();
    assertThat(coins.total()).isEqualTo(10_000);
    assertThat(coins.isReserved(coin(1, 10_000, ALICE_ADDR).outPoint())).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pay(5_000))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("available 0 TIME");
    coins.release(r.reservation());
    assertThat(coins.availableTotal()).isEqualTo(10_000);
    assertThat(pay(5_000).selection().coins()).hasSize(1);
  }

  @Test
  void releasingAfterTheChainSpentTheCoinsDoesNotResurrectThem() throws Exception {
    Transaction fund = funding(1, new TxOut(10_000, ALICE_ADDR));
    coins.apply(block(1, fund), ALICE_ADDR::equals);
    WalletCoins.Reserved r = pay(5_000);
    Transaction spend =
        new Transaction(
            1,
            List.of(TxIn.unsigned(fund.outPoint(0), Coins.ALICE.publicKey())),
            List.of(new TxOut(8_000, BOB_ADDR)),
            0,
            0);
    coins.apply(block(2, spend), ALICE_ADDR::equals);
    coins.release(r.reservation());
    assertThat(coins.availableTotal()).isZero();
    assertThat(coins.total()).isZero();
  }

  /** Two sends race for the one coin that pays either of them: exactly one gets it, every time. */
  @Test
  void twoConcurrentSendsNeverReserveTheSameCoin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 200; round++) {
        WalletCoins fresh = new WalletCoins();
        fresh.add(List.of(coin(round, 10_000, ALICE_ADDR)));
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Boolean>> sends =
            List.of(race(fresh, start, pool), race(fresh, start, pool));
        long won = sends.stream().filter(CompletableFuture::join).count();
        assertThat(won).as("round %d", round).isEqualTo(1);
        assertThat(fresh.availableTotal()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private CompletableFuture<Boolean> race(WalletCoins c, CyclicBarrier start, ExecutorService p) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
            c.reserve((a, t) -> CoinSelector.forPayment(a, t, 6_000, fees));
            return true;
          } catch (WalletException e) {
            return false;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        p);
  }

  @Test
  void listingFiltersAndSortsByAmount() {
    coins.add(
        List.of(coin(1, 3_000, ALICE_ADDR), coin(2, 1_000, ALICE_ADDR), coin(3, 2_000, BOB_ADDR)));
    assertThat(coins.list(u -> true, 10))
        .extracting(u -> u.amount())
        .containsExactly(1_000L, 2_000L, 3_000L);
    assertThat(coins.list(u -> u.address().equals(BOB_ADDR), 10)).hasSize(1);
    assertThat(coins.list(u -> true, 2)).hasSize(2);
  }
}
