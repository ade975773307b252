package org.timecoin.domain.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.domain.masternode.MasternodeFixture.deregistration;
import static org.timecoin.domain.masternode.MasternodeFixture.genesisKeys;
import static org.timecoin.domain.masternode.MasternodeFixture.genesisSet;
import static org.timecoin.domain.masternode.MasternodeFixture.key;
import static org.timecoin.domain.masternode.MasternodeFixture.registration;
import static org.timecoin.domain.masternode.MasternodeFixture.spend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord.Status;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.validation.Rejection;

/** Registry transitions over whole chains: entry, exit, removal, collateral lock, set order. */
class RegistryTransitionTest {
  private static final KeyPair OWNER = key("owner");
  private static final KeyPair OPERATOR = key("operator");

  /** Every block height of the first three epochs, for epoch lengths 1, 4 and 10. */
  static Stream<Arguments> positions() {
    return Stream.of(1L, 4L, 10L)
        .flatMap(e -> IntStream.rangeClosed(1, (int) (3 * e)).mapToObj(h -> Arguments.of(e, h)));
  }

  @ParameterizedTest(name = "E={0} registered at {1}")
  @MethodSource("positions")
  void aRegistrationEntersExactlyTheSetOfEpochJPlus2(long e, long h) {
    RegistryChain chain = new RegistryChain(genesisSet(4), e, 3, 1_000);
    chain.runTo(h - 1);
    chain.apply(registration(OWNER, OPERATOR, Tier.GOLD));
    long j = Epochs.epochOf(h, e);
    long entry = Epochs.firstHeight(j + 2, e);
    chain.runTo(Epochs.firstHeight(j + 4, e));
    for (long at = 1; at <= chain.height(); at++) {
      assertThat(chain.setAt(at).contains(OPERATOR.publicKey()))
          .as("member at height %d", at)
          .isEqualTo(at >= entry);
    }
    MasternodeRecord r = chain.record(OPERATOR.publicKey());
    assertThat(r.enteredHeight()).isEqualTo(entry);
    assertThat(r.status()).isEqualTo(Status.ACTIVE_SET);
    assertThat(chain.setAt(entry).get(OPERATOR.publicKey()).orElseThrow().votingPower())
        .isEqualTo(Tier.GOLD.votingPower());
    // It signs from its entry on.
    assertThat(r.lastSignedHeight()).isEqualTo(chain.height() - 1);
    assertThat(r.signedCount()).isEqualTo(chain.height() - entry);
  }

  @ParameterizedTest(name = "E={0} deregistered at {1}")
  @MethodSource("positions")
  void aDeregisteredMemberVotesUntilTheNextBoundaryAndItsCollateralUnlocksAfter(long e, long h) {
    RegistryChain chain = new RegistryChain(genesisSet(4), e, 3, 1_000);
    chain.apply(registration(OWNER, OPERATOR, Tier.BRONZE)); // enters set(2) at 2E + 1
    OutPoint collateral =
        chain.registry.byOperatorKey(OPERATOR.publicKey()).orElseThrow().collateral();
    long dereg = 2 * e + h; // deregistered while a member, in epoch j
    chain.runTo(dereg - 1);
    chain.apply(deregistration(OWNER, collateral));
    long j = Epochs.epochOf(dereg, e);
    assertThat(chain.record(OPERATOR.publicKey()).status()).isEqualTo(Status.LEAVING);
    long unlock = Epochs.firstHeight(j + 2, e);
    while (chain.height() < unlock + e) {
      long next = chain.height() + 1;
      var r = chain.check(spend(OWNER, collateral));
      if (next < unlock) {
        assertThat(r.rejection()).as("spend at %d", next).isEqualTo(Rejection.COLLATERAL_LOCKED);
      } else {
        assertThat(r.isValid()).as("spend at %d: %s", next, r).isTrue();
      }
      chain.apply();
    }
    for (long at = Epochs.firstHeight(2, e); at <= chain.height(); at++) {
      assertThat(chain.setAt(at).contains(OPERATOR.publicKey()))
          .as("member at %d", at)
          .isEqualTo(at < unlock);
    }
    var delta = chain.apply(spend(OWNER, collateral));
    assertThat(delta.deletes())
        .extracting(MasternodeRecord::operatorKey)
        .containsExactly(OPERATOR.publicKey());
    assertThat(chain.registry.byCollateral(collateral)).isEmpty();
  }

  @Test
  void aMasternodeDeregisteredBeforeEnteringNeverVotesAndIsSpendableAtOnce() {
    RegistryChain chain = new RegistryChain(genesisSet(4), 5, 3, 1_000);
    Transaction reg = registration(OWNER, OPERATOR, Tier.BRONZE);
    chain.apply(reg);
    chain.apply(deregistration(OWNER, reg.outPoint(0)));
    assertThat(chain.check(spend(OWNER, reg.outPoint(0))).isValid()).isTrue();
    chain.runTo(30);
    for (long at = 1; at <= 30; at++) {
      assertThat(chain.setAt(at).contains(OPERATOR.publicKey())).isFalse();
    }
    assertThat(chain.record(OPERATOR.publicKey()).status()).isEqualTo(Status.LEAVING);
  }

  @ParameterizedTest(name = "offline from block {0}")
  @ValueSource(longs = {2, 9, 10, 11, 23, 37})
  void aSilentMemberIsRemovedAtTheFirstBoundaryBeyondRemovalBlocks(long offlineFrom) {
    long e = 10;
    long removal = 20;
    RegistryChain chain = new RegistryChain(genesisSet(4), e, 5, removal);
    PublicKey silent = genesisKeys(4).get(2);
    chain.runTo(offlineFrom - 1);
    chain.setOffline(silent, true);
    long lastSigned = offlineFrom - 2; // block offlineFrom - 1's certificate, carried by the last
    long boundary = e; // first k·E whose window (k·E − removal) passes lastSigned
    while (boundary - removal <= Math.max(lastSigned, 1)) {
      boundary += e;
    }
    chain.runTo(boundary + 2 * e);
    MasternodeRecord r = chain.record(silent);
    assertThat(r.status()).isEqualTo(Status.REMOVED);
    assertThat(r.lastSignedHeight()).isEqualTo(lastSigned < 1 ? -1 : lastSigned);
    for (long at = 1; at <= chain.height(); at++) {
      assertThat(chain.setAt(at).contains(silent))
          .as("member at %d (removed after %d)", at, boundary)
          .isEqualTo(at <= boundary + e);
    }
    // Out of both sets: its owner may spend (it has no collateral here, a genesis validator) and
    // it is still listed.
    assertThat(chain.registry.byOperatorKey(silent)).isPresent();
  }

  @Test
  void aMemberThatSignsAgainInTimeStays() {
    RegistryChain chain = new RegistryChain(genesisSet(4), 10, 5, 20);
    PublicKey flaky = genesisKeys(4).get(1);
    chain.setOffline(flaky, true);
    chain.runTo(19);
    chain.setOffline(flaky, false);
    chain.runTo(100);
    assertThat(chain.record(flaky).status()).isEqualTo(Status.ACTIVE_SET);
    assertThat(chain.setAt(100).contains(flaky)).isTrue();
  }

  @Test
  void aRegisteredMemberThatNeverSignsIsRemovedCountingFromItsEntry() {
    RegistryChain chain = new RegistryChain(genesisSet(4), 10, 5, 20);
    chain.setOffline(OPERATOR.publicKey(), true);
    chain.apply(registration(OWNER, OPERATOR, Tier.BRONZE)); // enters at 21
    chain.runTo(40); // 40 − 20 = 20 < 21: kept
    assertThat(chain.record(OPERATOR.publicKey()).status()).isEqualTo(Status.ACTIVE_SET);
    chain.runTo(50); // 50 − 20 = 30 > 21: removed, leaves at 61
    assertThat(chain.record(OPERATOR.publicKey()).status()).isEqualTo(Status.REMOVED);
    assertThat(chain.setAt(60).contains(OPERATOR.publicKey())).isTrue();
    assertThat(chain.setAt(61).contains(OPERATOR.publicKey())).isFalse();
    assertThat(
            chain.check(spend(OWNER, chain.record(OPERATOR.publicKey()).collateral())).rejection())
        .isEqualTo(Rejection.COLLATERAL_LOCKED);
    chain.runTo(60);
    assertThat(chain.check(spend(OWNER, chain.record(OPERATOR.publicKey()).collateral())).isValid())
        .isTrue();
  }

  @Test
  void whenEveryoneWouldBeRemovedTheSetCarriesOver() {
    ValidatorSet genesis = genesisSet(2);
    RegistryChain chain = new RegistryChain(genesis, 2, 1, 2);
    genesisKeys(2).forEach(k -> chain.setOffline(k, true));
    chain.runTo(20);
    assertThat(chain.registry.validatorSet(11)).contains(genesis);
    genesisKeys(2).forEach(k -> assertThat(chain.record(k).status()).isEqualTo(Status.ACTIVE_SET));
  }

  @Test
  void theSetIsTheSameWhateverTheOrderOfRegistrations() {
    List<Transaction> regs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      regs.add(registration(key("owner-" + i), key("operator-" + i), Tier.values()[1 + i % 3]));
    }
    ValidatorSet reference = null;
    Random random = new Random(7);
    for (int round = 0; round < 6; round++) {
      List<Transaction> shuffled = new ArrayList<>(regs);
      Collections.shuffle(shuffled, random);
      RegistryChain chain = new RegistryChain(genesisSet(3), 4, 2, 100);
      int split = random.nextInt(shuffled.size() + 1); // over one or two blocks of epoch 0
      chain.apply(shuffled.subList(0, split).toArray(Transaction[]::new));
      RegistryDelta delta =
          chain.apply(shuffled.subList(split, shuffled.size()).toArray(Transaction[]::new));
      assertThat(delta.puts())
          .extracting(MasternodeRecord::operatorKey)
          .isSortedAccordingTo(PublicKey::compareTo);
      chain.runTo(4);
      ValidatorSet set = chain.registry.validatorSet(2).orElseThrow();
      assertThat(set.size()).isEqualTo(11);
      assertThat(set.validators())
          .extracting(Validator::key)
          .isSortedAccordingTo(PublicKey::compareTo);
      if (reference == null) {
        reference = set;
      }
      assertThat(ValidatorSet.CODEC.encode(set)).isEqualTo(ValidatorSet.CODEC.encode(reference));
    }
  }

  @Test
  void applyingTheSameBlockTwiceGivesTheSameDelta() {
    RegistryChain chain = new RegistryChain(genesisSet(3), 4, 2, 100);
    chain.runTo(3);
    List<Transaction> txs = List.of(registration(OWNER, OPERATOR, Tier.SILVER));
    List<PublicKey> signers = chain.lastCommitSigners(4);
    RegistryDelta a = RegistryTransition.apply(chain.registry, 4, txs, signers, 4, 100);
    RegistryDelta b = RegistryTransition.apply(chain.registry, 4, txs, signers, 4, 100);
    assertThat(a).isEqualTo(b);
    assertThat(RegistryTransition.apply(chain.registry, chain.block(4, txs), chain.params))
        .isEqualTo(a);
    assertThat(a.newSetEpoch()).isEqualTo(2);
    assertThat(a.newSet().contains(OPERATOR.publicKey())).isTrue();
  }

  @Test
  void genesisRecordsVoteFromHeightOneWithTheirGenesisPower() {
    ValidatorSet genesis = genesisSet(3);
    MapRegistryView view = MapRegistryView.genesis(genesis);
    assertThat(view.validatorSet(0)).contains(genesis);
    assertThat(view.validatorSet(1)).contains(genesis);
    assertThat(view.validatorSet(2)).isEmpty();
    for (Validator v : genesis.validators()) {
      MasternodeRecord r = view.byOperatorKey(v.key()).orElseThrow();
      assertThat(r.isGenesis()).isTrue();
      assertThat(r.collateral()).isNull();
      assertThat(r.registeredHeight()).isZero();
      assertThat(r.enteredHeight()).isEqualTo(1);
      assertThat(r.status()).isEqualTo(Status.ACTIVE_SET);
      assertThat(r.toValidator()).isEqualTo(v);
    }
  }

  @Test
  void livenessIsRecordedFromLastCommit() {
    RegistryChain chain = new RegistryChain(genesisSet(3), 10, 5, 100);
    chain.runTo(7);
    PublicKey k = genesisKeys(3).get(0);
    assertThat(chain.record(k).lastSignedHeight()).isEqualTo(6);
    assertThat(chain.record(k).signedCount()).isEqualTo(6);
    assertThatThrownBy(
            () ->
                RegistryTransition.apply(
                    chain.registry, 8, List.of(), List.of(OPERATOR.publicKey()), 10, 100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no record");
    assertThatThrownBy(
            () ->
                RegistryTransition.apply(new MapRegistryView(), 1, List.of(), List.of(k), 10, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block 1");
  }
}
