package org.timecoin.domain.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.domain.masternode.MasternodeFixture.genesisKeys;
import static org.timecoin.domain.masternode.MasternodeFixture.genesisSet;
import static org.timecoin.domain.masternode.MasternodeFixture.key;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

class LivenessTest {
  private static final long N = 5;

  private static MasternodeRecord record(long entered, long lastSigned) {
    Validator v = genesisSet(1).validators().get(0);
    MasternodeRecord g = MasternodeRecord.genesis(v);
    return new MasternodeRecord(
        g.operatorKey(),
        g.tier(),
        1,
        null,
        g.owner(),
        g.rewardAddress(),
        "",
        0,
        entered,
        -1,
        MasternodeRecord.Status.ACTIVE_SET,
        lastSigned,
        lastSigned < 0 ? 0 : 1);
  }

  @ParameterizedTest(name = "entered={0} lastSigned={1} h={2}")
  @CsvSource({
    // entered, last signed, height, active
    "1, -1, 1, true", // grace: entered 0 blocks ago
    "1, -1, 5, true", // entered 4 < N blocks ago
    "1, -1, 6, false", // entered N blocks ago, never signed
    "21, -1, 25, true",
    "21, -1, 26, false",
    "1, 10, 15, true", // signed h − N
    "1, 10, 16, false", // last signature is h − N − 1
    "1, 15, 16, true",
  })
  void activeWhenItSignedOneOfTheLastNBlocksOrEnteredRecently(
      long entered, long lastSigned, long height, boolean active) {
    assertThat(Liveness.activeAt(record(entered, lastSigned), height, N)).isEqualTo(active);
  }

  @Test
  void theBlocksLastCommitCountsForTheBlockBefore() {
    RegistryChain chain = new RegistryChain(genesisSet(4), 100, N, 1_000);
    List<PublicKey> keys = genesisKeys(4);
    chain.setOffline(keys.get(3), true);
    chain.runTo(20); // key 3 last signed nothing; keys 0..2 signed up to 19
    ValidatorSet set = chain.setAt(21);
    assertThat(Liveness.activeMembers(set, chain.registry, 21, N, List.of()))
        .extracting(Validator::key)
        .containsExactlyElementsOf(keys.subList(0, 3).stream().sorted().toList());
    // Key 3 signs block 20's certificate, carried by block 21: active at 21.
    assertThat(Liveness.activeMembers(set, chain.registry, 21, N, List.of(keys.get(3))))
        .hasSize(4)
        .extracting(Validator::key)
        .isSortedAccordingTo(PublicKey::compareTo);
    assertThat(Liveness.activeKeys(set, chain.registry, 21, N, List.of()))
        .containsExactlyInAnyOrderElementsOf(keys.subList(0, 3));
  }

  @Test
  void aMemberWithoutARecordOrABadWindowIsAnError() {
    ValidatorSet stranger =
        new ValidatorSet(
            List.of(
                new Validator(
                    key("x").publicKey(),
                    1,
                    org.timecoin.domain.block.Tier.FREE,
                    MasternodeFixture.address(key("x")))));
    assertThatThrownBy(
            () -> Liveness.activeMembers(stranger, new MapRegistryView(), 5, N, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no registry record");
    assertThatThrownBy(() -> Liveness.activeAt(record(1, -1), 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
