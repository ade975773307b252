package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

/** The coinbase split, checked against the rule computed independently with BigInteger. */
class CoinbaseRuleTest {
  /** One member of each tier, each with its own reward address. */
  static final ValidatorSet SET = set(Tier.values().length, i -> Tier.values()[i]);

  interface TierOf {
    Tier of(int i);
  }

  static ValidatorSet set(int n, TierOf tiers) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair k = KeyPair.fromSeed(Sha256.digest(("coinbase-" + i).getBytes()));
      KeyPair reward = KeyPair.fromSeed(Sha256.digest(("reward-" + i).getBytes()));
      vs.add(
          new Validator(k.publicKey(), 1, tiers.of(i), Address.fromPublicKey(reward.publicKey())));
    }
    return new ValidatorSet(vs);
  }

  static PublicKey keyOf(ValidatorSet set, Tier tier) {
    return set.validators().stream().filter(v -> v.tier() == tier).findFirst().orElseThrow().key();
  }

  /** The rule written out with BigInteger: what each member in key order must receive. */
  static long[] expectedShares(
      long total, ValidatorSet set, Set<PublicKey> active, PublicKey proposer) {
    List<Validator> vs = set.validators();
    BigInteger weights = BigInteger.ZERO;
    for (Validator v : vs) {
      if (active.contains(v.key())) {
        weights = weights.add(BigInteger.valueOf(v.tier().rewardWeight()));
      }
    }
    long[] shares = new long[vs.size()];
    long paid = 0;
    for (int i = 0; i < vs.size() && weights.signum() > 0; i++) {
      if (active.contains(vs.get(i).key())) {
        shares[i] =
            BigInteger.valueOf(total)
                .multiply(BigInteger.valueOf(vs.get(i).tier().rewardWeight()))
                .divide(weights)
                .longValueExact();
        paid += shares[i];
      }
    }
    shares[set.indexOf(proposer)] += total - paid;
    return shares;
  }

  static List<TxOut> expectedOutputs(
      long total, ValidatorSet set, Set<PublicKey> active, PublicKey proposer) {
    long[] shares = expectedShares(total, set, active, proposer);
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0) {
        outs.add(new TxOut(shares[i], set.validators().get(i).rewardAddress()));
      }
    }
    return outs;
  }

  @Test
  void everyActiveMemberGetsItsWeightsShareInKeyOrder() {
    Set<PublicKey> all = CoinbaseRule.allMembers(SET);
    PublicKey proposer = keyOf(SET, Tier.GOLD);
    long total = 1_234_567_891_011L;
    List<TxOut> outs = CoinbaseRule.outputs(total, SET, all, proposer);
    assertThat(outs).isEqualTo(expectedOutputs(total, SET, all, proposer));
    assertThat(outs.stream().mapToLong(TxOut::amount).sum()).isEqualTo(total);
    // Key order: output addresses appear in the order of the set's members that are paid.
    List<Address> paidInOrder = new ArrayList<>();
    for (Validator v : SET.validators()) {
      if (outs.stream().anyMatch(o -> o.address().equals(v.rewardAddress()))) {
        paidInOrder.add(v.rewardAddress());
      }
    }
    assertThat(outs.stream().map(TxOut::address).toList()).isEqualTo(paidInOrder);
  }

  @Test
  void inactiveMembersGetNothingAndTheirShareGoesToTheActiveOnes() {
    PublicKey gold = keyOf(SET, Tier.GOLD);
    PublicKey silver = keyOf(SET, Tier.SILVER);
    Set<PublicKey> active = Set.of(gold, silver);
    long total = 1_000_003;
    List<TxOut> outs = CoinbaseRule.outputs(total, SET, active, gold);
    assertThat(outs).isEqualTo(expectedOutputs(total, SET, active, gold));
    Set<Address> paid = new HashSet<>();
    outs.forEach(o -> paid.add(o.address()));
    assertThat(paid)
        .containsExactlyInAnyOrder(
            SET.get(gold).orElseThrow().rewardAddress(),
            SET.get(silver).orElseThrow().rewardAddress());
  }

  @Test
  void theRemainderGoesToTheProposerEvenWhenItIsInactive() {
    PublicKey bronze = keyOf(SET, Tier.BRONZE);
    PublicKey gold = keyOf(SET, Tier.GOLD);
    Set<PublicKey> active = Set.of(gold, keyOf(SET, Tier.SILVER));
    long total = 1_000_003; // not a multiple of the weight sum: there is a remainder
    List<TxOut> outs = CoinbaseRule.outputs(total, SET, active, bronze);
    long[] shares = expectedShares(total, SET, active, bronze);
    assertThat(shares[SET.indexOf(bronze)]).isPositive();
    assertThat(outs).contains(new TxOut(shares[SET.indexOf(bronze)], addressOf(bronze)));
  }

  @Test
  void withNoActiveWeightEverythingGoesToTheProposer() {
    PublicKey proposer = keyOf(SET, Tier.SILVER);
    assertThat(CoinbaseRule.outputs(777, SET, Set.of(), proposer))
        .containsExactly(new TxOut(777, addressOf(proposer)));
    ValidatorSet free = set(3, i -> Tier.FREE);
    PublicKey p = free.validators().get(1).key();
    List<TxOut> outs = CoinbaseRule.outputs(500, free, CoinbaseRule.allMembers(free), p);
    assertThat(outs).isEqualTo(expectedOutputs(500, free, CoinbaseRule.allMembers(free), p));
    assertThat(CoinbaseRule.outputs(0, SET, CoinbaseRule.allMembers(SET), proposer)).isEmpty();
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void theSplitSumsToTheTotalExactly(long seed) {
    Random random = new Random(seed);
    ValidatorSet big = set(40, i -> Tier.values()[random.nextInt(Tier.values().length)]);
    List<Validator> members = big.validators();
    for (int i = 0; i < 300; i++) {
      long total = i == 0 ? Long.MAX_VALUE : random.nextLong(0, Long.MAX_VALUE);
      Set<PublicKey> active = new HashSet<>();
      for (Validator v : members) {
        if (random.nextInt(3) > 0) {
          active.add(v.key());
        }
      }
      PublicKey proposer = members.get(random.nextInt(members.size())).key();
      List<TxOut> outs = CoinbaseRule.outputs(total, big, active, proposer);
      long sum = 0;
      for (TxOut o : outs) {
        sum = Math.addExact(sum, o.amount());
      }
      assertThat(sum).as("seed %d total %d", seed, total).isEqualTo(total);
      assertThat(outs).isEqualTo(expectedOutputs(total, big, active, proposer));
    }
  }

  @Test
  void theCoinbaseIsCheckedOutputByOutput() {
    Set<PublicKey> all = CoinbaseRule.allMembers(SET);
    PublicKey proposer = keyOf(SET, Tier.GOLD);
    Transaction right = CoinbaseRule.coinbase(5, 1_000_000, SET, all, proposer, 0);
    assertThat(CoinbaseRule.problem(right, 5, 1_000_000, SET, all, proposer)).isNull();
    assertThat(CoinbaseRule.problem(right, 6, 1_000_000, SET, all, proposer))
        .contains("lockTime 5 is not the height 6");
    assertThat(CoinbaseRule.problem(right, 5, 1_000_001, SET, all, proposer))
        .contains("does not pay 1000001")
        .contains("output ");
    Set<PublicKey> fewer = Set.of(proposer);
    assertThat(CoinbaseRule.problem(right, 5, 1_000_000, SET, fewer, proposer))
        .contains("among the 1 active members");
  }

  @Test
  void proposerMustBeAValidator() {
    PublicKey stranger = KeyPair.fromSeed(Sha256.digest("x".getBytes())).publicKey();
    assertThatThrownBy(() -> CoinbaseRule.outputs(10, SET, CoinbaseRule.allMembers(SET), stranger))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CoinbaseRule.outputs(-1, SET, Set.of(), keyOf(SET, Tier.GOLD)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Address addressOf(PublicKey key) {
    return SET.get(key).orElseThrow().rewardAddress();
  }
}
