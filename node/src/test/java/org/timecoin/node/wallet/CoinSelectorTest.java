package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.node.wallet.Coins.ALICE_ADDR;
import static org.timecoin.node.wallet.Coins.coin;
import static org.timecoin.node.wallet.Coins.set;
import static org.timecoin.node.wallet.Coins.total;

import java.util.NavigableSet;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.api.WalletException;

class CoinSelectorTest {
  static final ConsensusParams PARAMS = ConsensusParams.defaults();
  static final FeeSchedule ONE_PER_BYTE = new FeeSchedule(PARAMS, 1);
  static final long TIME = Amounts.UNITS_PER_TIME;

  static CoinSelector.Selection pay(NavigableSet<Utxo> coins, long amount, FeeSchedule fees)
      throws WalletException {
    return CoinSelector.forPayment(coins, total(coins), amount, fees);
  }

  @Test
  void changeComesBackAndTheFeeIsTheLeastTheRulesAllow() throws Exception {
    var s = pay(set(coin(1, 10 * TIME, ALICE_ADDR)), TIME, ONE_PER_BYTE);
    var split = s.split();
    assertThat(split.payment()).isEqualTo(TIME);
    assertThat(split.payment() + split.change() + split.fee()).isEqualTo(10 * TIME);
    // 0.1% of all outputs, change included, is above both the minimum fee and 1 unit per byte
    assertThat(split.fee()).isEqualTo(PARAMS.requiredFee(split.payment() + split.change()));
    assertThat(split.fee() - 1)
        .isLessThan(PARAMS.requiredFee(split.payment() + split.change() + 1));
    assertThat(split.change()).isGreaterThanOrEqualTo(PARAMS.dustLimit());
  }

  @Test
  void changeBelowTheDustLimitGoesToTheFee() throws Exception {
    long payment = 100_000;
    var s = pay(set(coin(1, payment + 1_000 + 300, ALICE_ADDR)), payment, ONE_PER_BYTE);
    assertThat(s.split().change()).isZero();
    assertThat(s.split().fee()).isEqualTo(1_300);
  }

  @Test
  void aHighFeeRatePaysForTheSize() throws Exception {
    var s = pay(set(coin(1, 200_000, ALICE_ADDR)), 100_000, new FeeSchedule(PARAMS, 100));
    assertThat(s.split().fee()).isEqualTo(100L * FeeSchedule.size(1, 2));
  }

  @Test
  void theMinimumFeeAppliesToSmallPayments() throws Exception {
    var s = pay(set(coin(1, 10_000, ALICE_ADDR)), 1_000, ONE_PER_BYTE);
    assertThat(s.split().fee()).isEqualTo(PARAMS.minFee());
    assertThat(s.split().change()).isEqualTo(8_000);
  }

  @Test
  void theSmallestSufficientCoinIsChosenAlone() throws Exception {
    var coins =
        set(
            coin(1, TIME, ALICE_ADDR),
            coin(2, 5 * TIME, ALICE_ADDR),
            coin(3, 50 * TIME, ALICE_ADDR));
    var s = pay(coins, 2 * TIME, ONE_PER_BYTE);
    assertThat(s.coins()).extracting(Utxo::amount).containsExactly(5 * TIME);
  }

  @Test
  void severalCoinsLargestFirstWhenNoneSufficesAlone() throws Exception {
    var coins = set();
    for (int i = 0; i < 10; i++) {
      coins.add(coin(i, TIME + i, ALICE_ADDR));
    }
    var s = pay(coins, 3 * TIME + TIME / 2, ONE_PER_BYTE);
    assertThat(s.coins()).hasSize(4);
    assertThat(s.coins().get(0).amount()).isEqualTo(TIME + 9);
    assertThat(s.inputTotal())
        .isEqualTo(s.split().payment() + s.split().change() + s.split().fee());
  }

  @Test
  void insufficientFundsSaysWhatIsAvailableAndNeeded() {
    assertThatThrownBy(() -> pay(set(coin(1, 5_000, ALICE_ADDR)), 4_500, ONE_PER_BYTE))
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS))
        .hasMessageContaining("available 0.00005 TIME")
        .hasMessageContaining("needed 0.000055 TIME");
  }

  @Test
  void coinsThatOnlyJustMissTheFeeAreInsufficient() {
    var coins = set(coin(1, 3_000, ALICE_ADDR), coin(2, 3_000, ALICE_ADDR));
    assertThatThrownBy(() -> pay(coins, 5_500, ONE_PER_BYTE))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("insufficient funds");
  }

  @Test
  void aPaymentNeedingMoreInputsThanATransactionHoldsIsRefused() {
    ConsensusParams d = PARAMS;
    ConsensusParams small = ConsensusParams.of(withMaxTx(d.values(), 1_000));
    FeeSchedule fees = new FeeSchedule(small, 1);
    assertThat(fees.maxInputs(2)).isEqualTo(6);
    var coins = set();
    for (int i = 0; i < 10; i++) {
      coins.add(coin(i, TIME, ALICE_ADDR));
    }
    assertThatThrownBy(() -> pay(coins, 8 * TIME, fees))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("more than 6 coins")
        .hasMessageContaining("mergeutxos");
  }

  @Test
  void mergeTakesTheSmallestCoinsIntoOneOutput() throws Exception {
    var coins = set();
    for (int i = 1; i <= 5; i++) {
      coins.add(coin(i, i * TIME, ALICE_ADDR));
    }
    var s = CoinSelector.forMerge(coins, 3, 4, ONE_PER_BYTE);
    assertThat(s.coins())
        .extracting(Utxo::amount)
        .containsExactly(TIME, 2 * TIME, 3 * TIME, 4 * TIME);
    assertThat(s.split().change()).isZero();
    assertThat(s.split().payment() + s.split().fee()).isEqualTo(10 * TIME);
    assertThat(s.split().fee()).isEqualTo(PARAMS.requiredFee(s.split().payment()));
  }

  @Test
  void mergeRefusesFewerCoinsThanMinCount() {
    var coins = set(coin(1, TIME, ALICE_ADDR), coin(2, TIME, ALICE_ADDR));
    assertThatThrownBy(() -> CoinSelector.forMerge(coins, 3, 10, ONE_PER_BYTE))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("fewer than min_count 3");
  }

  @Test
  void mergeRefusesCoinsThatDoNotCoverTheFee() {
    var coins = set(coin(1, 600, ALICE_ADDR), coin(2, 600, ALICE_ADDR));
    assertThatThrownBy(() -> CoinSelector.forMerge(coins, 2, 10, ONE_PER_BYTE))
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS));
  }

  /** {@code v} with maxTxBytes (index 3 of the encoding order) set to {@code maxTxBytes}. */
  private static long[] withMaxTx(long[] v, long maxTxBytes) {
    v[3] = maxTxBytes;
    return v;
  }
}
