package org.timecoin.node.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.timecoin.node.masternode.Registry.ALICE_ADDR;
import static org.timecoin.node.masternode.Registry.BOB_ADDR;
import static org.timecoin.node.masternode.Registry.G;
import static org.timecoin.node.masternode.Registry.G2;
import static org.timecoin.node.masternode.Registry.L;
import static org.timecoin.node.masternode.Registry.L_COLLATERAL;
import static org.timecoin.node.masternode.Registry.M;
import static org.timecoin.node.masternode.Registry.M_COLLATERAL;
import static org.timecoin.node.masternode.Registry.P;
import static org.timecoin.node.masternode.Registry.P_COLLATERAL;
import static org.timecoin.node.masternode.Registry.text;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.node.api.AttestationView;
import org.timecoin.node.api.HeartbeatView;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.MasternodeStatusView;
import org.timecoin.node.api.MasternodeView;
import org.timecoin.node.api.WalletException;

class NodeMasternodesTest {
  final Registry reg = new Registry();
  boolean walletPresent = true;

  NodeMasternodes service(KeyPair operator, boolean enabled, String listen) {
    return new NodeMasternodes(
        reg.chain,
        Network.TESTNET,
        new NodeMasternodes.Identity(operator, enabled, Optional.of(BOB_ADDR), listen),
        () -> walletPresent,
        reg.walletTx);
  }

  final NodeMasternodes mine = service(M, true, "127.0.0.1:24100");

  static WalletException failure(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WalletException w) {
        return w;
      }
      throw e;
    }
    throw new AssertionError("expected a failure");
  }

  Map<String, MasternodeView> listed() {
    return mine.masternodes().stream()
        .collect(Collectors.toMap(MasternodeView::operatorKey, Function.identity()));
  }

  @Test
  void theListShowsEveryRecordWithItsLivenessAndUptime() {
    Map<String, MasternodeView> list = listed();
    assertThat(list).hasSize(5);
    MasternodeView g = list.get(G.publicKey().toHex());
    assertThat(g.collateral()).isNull();
    assertThat(g.inCurrentSet()).isTrue();
    assertThat(g.active()).isTrue();
    assertThat(g.uptime()).isCloseTo(40.0 / 44, within(1e-9));
    MasternodeView g2 = list.get(G2.publicKey().toHex());
    assertThat(g2.inCurrentSet()).isTrue();
    assertThat(g2.active()).as("silent since 35, window 41..45").isFalse();
    assertThat(g2.uptime()).isCloseTo(35.0 / 44, within(1e-9));
    MasternodeView m = list.get(M.publicKey().toHex());
    assertThat(m.collateral()).isEqualTo(M_COLLATERAL.txid().toHex() + ":0");
    assertThat(m.tier()).isEqualTo("bronze");
    assertThat(m.owner()).isEqualTo(text(ALICE_ADDR));
    assertThat(m.rewardAddress()).isEqualTo(text(BOB_ADDR));
    assertThat(m.status()).isEqualTo("ACTIVE_SET");
    assertThat(m.active()).isTrue();
    assertThat(m.uptime()).isCloseTo(22.0 / 24, within(1e-9));
    MasternodeView l = list.get(L.publicKey().toHex());
    assertThat(l.status()).isEqualTo("LEAVING");
    assertThat(l.inCurrentSet()).isFalse();
    assertThat(l.active()).isFalse();
    assertThat(l.uptime()).as("signed all of 21..40, its sets' heights").isEqualTo(1.0);
    MasternodeView p = list.get(P.publicKey().toHex());
    assertThat(p.status()).isEqualTo("PENDING");
    assertThat(p.uptime()).isNull();
    assertThat(p.inCurrentSet()).isFalse();
  }

  @Test
  void statusSaysWhetherThisNodeVotesAndSinceWhen() {
    MasternodeStatusView s = mine.status();
    assertThat(s.operatorKey()).isEqualTo(M.publicKey().toHex());
    assertThat(s.record().operatorKey()).isEqualTo(M.publicKey().toHex());
    assertThat(s.voting()).isTrue();
    assertThat(s.epoch()).isEqualTo(4);
    assertThat(s.votingFromEpoch()).isEqualTo(2);
    assertThat(s.message()).contains("votes since epoch 2");

    MasternodeStatusView off = service(M, false, "127.0.0.1:1").status();
    assertThat(off.voting()).isFalse();
    assertThat(off.message()).contains("enabled is false");

    MasternodeStatusView none = service(Registry.key(99), true, "127.0.0.1:1").status();
    assertThat(none.record()).isNull();
    assertThat(none.votingFromEpoch()).isEqualTo(-1);
    assertThat(none.message()).contains("not registered");

    MasternodeStatusView pending = service(P, true, "127.0.0.1:1").status();
    assertThat(pending.voting()).isFalse();
    assertThat(pending.votingFromEpoch()).as("registered in epoch 4").isEqualTo(6);
    assertThat(pending.message()).contains("enters the set at epoch 6 (height 61)");

    MasternodeStatusView left = service(L, true, "127.0.0.1:1").status();
    assertThat(left.votingFromEpoch()).isEqualTo(-1);
    assertThat(left.message()).contains("deregistered at height 25");
  }

  @Test
  void aMasternodeDueInTheNextSetSaysWhen() {
    reg.chain.height = 15; // epoch 1; the set of epoch 2, holding M, is computed
    MasternodeStatusView s = mine.status();
    assertThat(s.voting()).isFalse();
    assertThat(s.votingFromEpoch()).isEqualTo(2);
    assertThat(s.message()).contains("enters the set at epoch 2 (height 21)");
  }

  @Test
  void theHeartbeatSplitsTheLastHeightsIntoSignedAndMissed() {
    HeartbeatView h = mine.heartbeat(M.publicKey().toHex(), 20).orElseThrow();
    assertThat(h.fromHeight()).isEqualTo(25);
    assertThat(h.toHeight()).isEqualTo(44);
    assertThat(h.missed()).containsExactly(30L, 31L);
    assertThat(h.signed()).hasSize(18).doesNotContain(30L, 31L).contains(25L, 44L);
    assertThat(reg.chain.signerReads).isEqualTo(20);

    HeartbeatView recent = mine.heartbeat(M.publicKey().toHex(), 5).orElseThrow();
    assertThat(recent.signed()).containsExactly(40L, 41L, 42L, 43L, 44L);
    assertThat(recent.missed()).isEmpty();

    HeartbeatView all = mine.heartbeat(M.publicKey().toHex(), 1_000).orElseThrow();
    assertThat(all.fromHeight()).as("nothing before it entered").isEqualTo(21);
  }

  @Test
  void theHeartbeatFindsAMasternodeByItsAddresses() {
    String byOperator =
        mine.heartbeat(text(Address.fromPublicKey(M.publicKey())), 3).orElseThrow().operatorKey();
    assertThat(byOperator).isEqualTo(M.publicKey().toHex());
    assertThat(mine.heartbeat(text(BOB_ADDR), 3).orElseThrow().operatorKey())
        .as("M's reward address")
        .isEqualTo(M.publicKey().toHex());
    HeartbeatView l = mine.heartbeat(L.publicKey().toHex(), 1_000).orElseThrow();
    assertThat(l.fromHeight()).isEqualTo(21);
    assertThat(l.toHeight()).as("its last set ended at 40").isEqualTo(40);
    assertThat(l.signed()).hasSize(20);
    HeartbeatView p = mine.heartbeat(P.publicKey().toHex(), 10).orElseThrow();
    assertThat(p.signed()).isEmpty();
    assertThat(p.missed()).isEmpty();
    assertThat(mine.heartbeat(Registry.key(99).publicKey().toHex(), 10)).isEmpty();
    assertThat(mine.heartbeat(text(Address.fromPublicKey(Registry.key(98).publicKey())), 10))
        .isEmpty();
  }

  @Test
  void theHeartbeatRefusesWhatIsNeitherKeyNorAddressAndLimitsOutOfRange() {
    assertThatThrownBy(() -> mine.heartbeat("nonsense", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an operator key");
    String mainnet = Address.fromPublicKey(M.publicKey()).toText(Network.MAINNET);
    assertThatThrownBy(() -> mine.heartbeat(mainnet, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TESTNET");
    assertThatThrownBy(() -> mine.heartbeat(M.publicKey().toHex(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> mine.heartbeat(M.publicKey().toHex(), MasternodeService.MAX_HEARTBEAT_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void attestationStatsCoverEveryMasternodeThatEnteredASet() {
    Map<String, AttestationView> stats =
        mine.attestationStats().stream()
            .collect(Collectors.toMap(AttestationView::operatorKey, Function.identity()));
    assertThat(stats)
        .containsOnlyKeys(
            G.publicKey().toHex(),
            G2.publicKey().toHex(),
            M.publicKey().toHex(),
            L.publicKey().toHex());
    AttestationView m = stats.get(M.publicKey().toHex());
    assertThat(m.signed()).isEqualTo(22);
    assertThat(m.missed()).isEqualTo(2);
    assertThat(m.since()).isEqualTo(21);
    assertThat(m.uptime()).isCloseTo(22.0 / 24, within(1e-9));
    AttestationView l = stats.get(L.publicKey().toHex());
    assertThat(l.missed()).isZero();
    assertThat(stats.get(G2.publicKey().toHex()).missed()).isEqualTo(9);
  }

  @Test
  void registrationBuildsFromTheConfiguredDefaults() {
    NodeMasternodes fresh = service(Registry.key(50), true, "127.0.0.1:24100");
    reg.walletCoin(new OutPoint(org.timecoin.common.Sha256.hash(new byte[] {50}), 1), 2_000 * T);
    MasternodeService.Registered r =
        fresh.register("Bronze", Optional.empty(), Optional.empty()).join();
    assertThat(r.collateral()).isEqualTo(r.txid() + ":0");
    assertThat(r.tier()).isEqualTo("bronze");
    assertThat(r.amount()).isEqualTo(Tier.BRONZE.collateral());
    assertThat(r.operatorKey()).isEqualTo(Registry.key(50).publicKey().toHex());
    MasternodeRegistration payload = (MasternodeRegistration) reg.submitted.get(0).payload();
    assertThat(payload.rewardAddress()).as("[masternode] reward_address").isEqualTo(BOB_ADDR);
    assertThat(payload.networkAddress()).isEqualTo("127.0.0.1:24100");

    NodeMasternodes other = service(Registry.key(51), true, "127.0.0.1:24100");
    reg.walletCoin(new OutPoint(org.timecoin.common.Sha256.hash(new byte[] {51}), 1), 20_000 * T);
    other.register("silver", Optional.of(text(ALICE_ADDR)), Optional.of("mn.example:9")).join();
    MasternodeRegistration second = (MasternodeRegistration) reg.submitted.get(1).payload();
    assertThat(second.rewardAddress()).isEqualTo(ALICE_ADDR);
    assertThat(second.networkAddress()).isEqualTo("mn.example:9");
    assertThat(second.tier()).isEqualTo(Tier.SILVER);
  }

  static final long T = Amounts.UNITS_PER_TIME;

  @Test
  void everyBadRegistrationIsRefusedWithItsReason() {
    NodeMasternodes fresh = service(Registry.key(50), true, "0.0.0.0:24100");
    reg.walletCoin(new OutPoint(org.timecoin.common.Sha256.hash(new byte[] {50}), 1), 2_000 * T);
    Optional<String> at = Optional.of("10.1.1.1:24100");
    assertRefused(
        fresh.register("platinum", Optional.empty(), at),
        WalletException.Kind.INVALID_PARAMETER,
        "unknown tier 'platinum'");
    assertRefused(
        fresh.register("free", Optional.empty(), at),
        WalletException.Kind.INVALID_PARAMETER,
        "cannot be registered");
    assertRefused(
        fresh.register("gold", Optional.empty(), at),
        WalletException.Kind.INSUFFICIENT_FUNDS,
        "100000");
    String mainnet = ALICE_ADDR.toText(Network.MAINNET);
    assertRefused(
        fresh.register("bronze", Optional.of(mainnet), at),
        WalletException.Kind.INVALID_ADDRESS,
        "reward_address");
    assertRefused(
        fresh.register("bronze", Optional.empty(), Optional.of("no-port")),
        WalletException.Kind.INVALID_PARAMETER,
        "network_address");
    assertRefused(
        fresh.register("bronze", Optional.empty(), Optional.empty()),
        WalletException.Kind.INVALID_PARAMETER,
        "cannot dial");
    assertRefused(
        mine.register("bronze", Optional.empty(), at),
        WalletException.Kind.INVALID_PARAMETER,
        "already registered");
    assertRefused(
        service(G, true, "127.0.0.1:1").register("bronze", Optional.empty(), at),
        WalletException.Kind.INVALID_PARAMETER,
        "genesis validator");
    reg.keys.lock(true);
    assertRefused(fresh.register("bronze", Optional.empty(), at), WalletException.Kind.LOCKED, "");
    walletPresent = false;
    assertRefused(
        fresh.register("bronze", Optional.empty(), at), WalletException.Kind.NO_WALLET, "wallet");
    assertThat(reg.submitted).isEmpty();
  }

  @Test
  void deregistrationIsSignedByTheWalletKeyThatOwnsTheCollateral() {
    reg.walletCoin(new OutPoint(org.timecoin.common.Sha256.hash(new byte[] {60}), 1), 5 * T);
    MasternodeService.Deregistered d = mine.deregister(M_COLLATERAL.txid().toHex()).join();
    assertThat(d.collateral()).isEqualTo(M_COLLATERAL.txid().toHex() + ":0");
    assertThat(d.txid()).isEqualTo(reg.submitted.get(0).txid().toHex());
    assertThat(reg.submitted.get(0).version()).isEqualTo(3);
  }

  @Test
  void everyBadDeregistrationIsRefusedWithItsReason() {
    reg.walletCoin(new OutPoint(org.timecoin.common.Sha256.hash(new byte[] {60}), 1), 5 * T);
    assertRefused(
        mine.deregister("ab".repeat(32)), WalletException.Kind.NOT_FOUND, "no masternode has");
    assertRefused(
        mine.deregister(L_COLLATERAL.txid().toHex()),
        WalletException.Kind.INVALID_PARAMETER,
        "already leaving");
    assertRefused(
        mine.deregister(P_COLLATERAL.txid().toHex()),
        WalletException.Kind.NOT_IN_WALLET,
        "not an address of this wallet");
    assertRefused(
        mine.deregister("xyz"), WalletException.Kind.INVALID_PARAMETER, "64 hex characters");
    walletPresent = false;
    assertRefused(
        mine.deregister(M_COLLATERAL.txid().toHex()), WalletException.Kind.NO_WALLET, "wallet");
    assertThat(reg.submitted).isEmpty();
  }

  static void assertRefused(CompletableFuture<?> f, WalletException.Kind kind, String text) {
    WalletException e = failure(f);
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.getMessage()).contains(text);
  }
}
