package org.timecoin.domain.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.domain.masternode.MasternodeFixture.address;
import static org.timecoin.domain.masternode.MasternodeFixture.genesisSet;
import static org.timecoin.domain.masternode.MasternodeFixture.key;
import static org.timecoin.domain.masternode.MasternodeFixture.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord.Status;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;

class RegistryOverlayTest {
  private static MasternodeRecord pending(String name, OutPoint collateral, long height) {
    KeyPair k = key(name);
    return MasternodeRecord.registered(
        MasternodeRegistration.unsigned(Tier.BRONZE, k.publicKey(), address(k), "h.io:1"),
        collateral,
        address(k),
        height);
  }

  @Test
  void putsShadowDeletesHideAndIterationKeepsKeyOrder() {
    MapRegistryView base = MapRegistryView.genesis(genesisSet(3));
    OutPoint c1 = MasternodeFixture.funds("c1");
    OutPoint c2 = MasternodeFixture.funds("c2");
    MasternodeRecord a = pending("a", c1, 1);
    base.put(a);
    RegistryOverlay overlay = new RegistryOverlay(base);
    PublicKey g0 = MasternodeFixture.genesisKeys(3).get(0);
    overlay.delete(g0);
    MasternodeRecord moved = pending("a", c2, 2); // same key, new collateral
    overlay.put(moved);
    MasternodeRecord b = pending("b", MasternodeFixture.funds("c3"), 2);
    overlay.putRegistration(b);

    assertThat(overlay.byOperatorKey(g0)).isEmpty();
    assertThat(overlay.byCollateral(c1)).isEmpty();
    assertThat(overlay.byCollateral(c2)).contains(moved);
    assertThat(overlay.registeredHere(b.operatorKey())).isTrue();
    assertThat(overlay.registeredHere(a.operatorKey())).isFalse();
    List<PublicKey> keys = new ArrayList<>();
    overlay.forEachRecord(r -> keys.add(r.operatorKey()));
    assertThat(keys).hasSize(4).isSortedAccordingTo(Comparator.naturalOrder()).doesNotContain(g0);
    assertThat(overlay.replacedOrDeleted())
        .extracting(MasternodeRecord::operatorKey)
        .containsExactlyInAnyOrder(g0, a.operatorKey());
    // The base is untouched.
    assertThat(base.byCollateral(c1)).contains(a);
    assertThat(base.byOperatorKey(g0)).isPresent();
  }

  @Test
  void theSetTakesThePendingOldestFirstUpToItsCapacity() {
    RegistryChain chain = new RegistryChain(genesisSet(2), 4, 2, 100);
    List<Transaction> early = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      early.add(registration(key("o" + i), key("early-" + i), Tier.BRONZE));
    }
    chain.apply(early.toArray(Transaction[]::new));
    chain.apply(registration(key("late-owner"), key("late"), Tier.GOLD));
    chain.runTo(3);
    RegistryOverlay overlay = new RegistryOverlay(chain.registry);
    ValidatorSet set = RegistryTransition.nextSet(overlay, 4, 4, 100, 4);

    List<PublicKey> earlyKeys =
        early.stream()
            .map(t -> ((MasternodeRegistration) t.payload()).operatorKey())
            .sorted()
            .toList();
    assertThat(set.validators())
        .extracting(Validator::key)
        .containsAll(MasternodeFixture.genesisKeys(2))
        .containsAll(earlyKeys.subList(0, 2))
        .hasSize(4);
    for (PublicKey k : earlyKeys.subList(2, 5)) {
      assertThat(overlay.byOperatorKey(k).orElseThrow().status()).isEqualTo(Status.PENDING);
    }
    assertThat(overlay.byOperatorKey(key("late").publicKey()).orElseThrow().status())
        .isEqualTo(Status.PENDING);
    assertThat(overlay.byOperatorKey(earlyKeys.get(0)).orElseThrow().enteredHeight()).isEqualTo(9);
  }
}
