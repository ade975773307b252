package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.TxOut;

class CoinbaseRuleTest {
  /** Free (0), Silver (10,000), Gold (100,000): W = 110,000. */
  private final ChainFixture f = new ChainFixture(0);

  private long amountFor(List<TxOut> outs, Tier tier) {
    Validator v =
        f.validators.validators().stream().filter(x -> x.tier() == tier).findFirst().orElseThrow();
    return outs.stream()
        .filter(o -> o.address().equals(v.rewardAddress()))
        .mapToLong(TxOut::amount)
        .sum();
  }

  private PublicKey keyOf(Tier tier) {
    return f.validators.validators().stream()
        .filter(x -> x.tier() == tier)
        .findFirst()
        .orElseThrow()
        .key();
  }

  @Test
  void exactSplitHasNoRemainder() {
    List<TxOut> outs =
        CoinbaseRule.outputs(
            110_000, f.validators, CoinbaseRule.allMembers(f.validators), keyOf(Tier.GOLD));
    assertThat(amountFor(outs, Tier.FREE)).isZero();
    assertThat(amountFor(outs, Tier.SILVER)).isEqualTo(10_000);
    assertThat(amountFor(outs, Tier.GOLD)).isEqualTo(100_000);
  }

  @Test
  void remainderGoesToTheProposer() {
    // 1000 × 0/110000 = 0, × 10000/110000 = 90, × 100000/110000 = 909; remainder 1.
    List<TxOut> outs =
        CoinbaseRule.outputs(
            1_000, f.validators, CoinbaseRule.allMembers(f.validators), keyOf(Tier.FREE));
    assertThat(amountFor(outs, Tier.FREE)).isEqualTo(1);
    assertThat(amountFor(outs, Tier.SILVER)).isEqualTo(90);
    assertThat(amountFor(outs, Tier.GOLD)).isEqualTo(909);
  }

  @Test
  void zeroSharesGetNoOutputAndOrderIsKeyOrder() {
    List<TxOut> outs =
        CoinbaseRule.outputs(
            1_000, f.validators, CoinbaseRule.allMembers(f.validators), keyOf(Tier.GOLD));
    assertThat(outs).hasSize(2); // Free gets 0 and no output
    assertThat(
            CoinbaseRule.outputs(
                0, f.validators, CoinbaseRule.allMembers(f.validators), keyOf(Tier.GOLD)))
        .isEmpty();
    List<TxOut> all =
        CoinbaseRule.outputs(
            1_000_000, f.validators, CoinbaseRule.allMembers(f.validators), keyOf(Tier.FREE));
    List<Validator> vs = f.validators.validators();
    assertThat(all).hasSize(vs.size());
    for (int i = 0; i < vs.size(); i++) {
      assertThat(all.get(i).address()).isEqualTo(vs.get(i).rewardAddress());
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void sharesAlwaysSumToTotalWithoutOverflow(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      long total = i == 0 ? Long.MAX_VALUE : random.nextLong() & Long.MAX_VALUE;
      PublicKey proposer = f.validators.validators().get(random.nextInt(3)).key();
      List<TxOut> outs =
          CoinbaseRule.outputs(
              total, f.validators, CoinbaseRule.allMembers(f.validators), proposer);
      long sum = 0;
      for (TxOut o : outs) {
        sum = Math.addExact(sum, o.amount());
      }
      assertThat(sum).as("seed %d total %d", seed, total).isEqualTo(total);
    }
  }

  @Test
  void proposerMustBeAValidator() {
    ValidatorSet set = f.validators;
    assertThatThrownBy(
            () ->
                CoinbaseRule.outputs(
                    10, set, CoinbaseRule.allMembers(set), ChainFixture.key("x").publicKey()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
