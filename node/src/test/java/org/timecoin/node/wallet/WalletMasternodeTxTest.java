package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.node.wallet.Coins.ALICE;
import static org.timecoin.node.wallet.Coins.ALICE_ADDR;
import static org.timecoin.node.wallet.Coins.BOB_ADDR;
import static org.timecoin.node.wallet.Coins.CHAIN;
import static org.timecoin.node.wallet.Coins.block;
import static org.timecoin.node.wallet.Coins.funding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MapRegistryView;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.RegistryOverlay;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.domain.validation.TxRules;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService.SentTransaction;

/** The wallet builds and signs registrations and deregistrations that the domain rules accept. */
class WalletMasternodeTxTest {
  static final long TIME = Amounts.UNITS_PER_TIME;
  static final KeyPair OPERATOR = KeyPair.fromSeed(Coins.seed(9));
  static final MasternodeRules.Context AT_HEIGHT_5 = new MasternodeRules.Context(CHAIN, 5, 10);

  /** The registry the rules check against: empty, then what each accepted transaction did. */
  final RegistryOverlay registry = new RegistryOverlay(new MapRegistryView());

  /** The domain's stateless and registry rules and every signature, as a validator checks them. */
  void assertAcceptedByTheRules(Transaction tx) {
    assertThat(TxRules.checkStructure(tx, ConsensusParams.defaults()).isValid())
        .as("%s", TxRules.checkStructure(tx, ConsensusParams.defaults()))
        .isTrue();
    assertThat(TxRules.checkSignatures(tx, CHAIN).isValid()).isTrue();
    var r = MasternodeRules.checkAndApply(tx, registry, AT_HEIGHT_5);
    assertThat(r.isValid()).as("%s", r).isTrue();
  }

  final MemoryKeyRing keys = new MemoryKeyRing(ALICE);
  final WalletCoins coins = new WalletCoins();
  final List<Transaction> submitted = new ArrayList<>();
  WalletSpender.Admission answer = new WalletSpender.Admission(true, null);
  long height = 1;

  final WalletSpender spender =
      new WalletSpender(
          keys,
          coins,
          new WalletHistory(100),
          new WalletContext(CHAIN, ConsensusParams.defaults(), Network.TESTNET, 1),
          new WalletSpender.WalletPorts(
              tx -> {
                submitted.add(tx);
                return CompletableFuture.completedFuture(answer);
              },
              txid -> true,
              txid -> {},
              Runnable::run,
              () -> height,
              Clock.SYSTEM));
  final WalletMasternodeTx masternodeTx = new WalletMasternodeTx(spender);

  void fund(Address to, long... amounts) {
    List<TxOut> outs = new ArrayList<>();
    for (long a : amounts) {
      outs.add(new TxOut(a, to));
    }
    store(funding(height, outs.toArray(TxOut[]::new)));
  }

  void store(Transaction... txs) {
    height++;
    spender.onBlockStored(block(height, txs), null);
  }

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

  SentTransaction registerBronze() {
    return masternodeTx
        .register(Tier.BRONZE, OPERATOR, Optional.of(BOB_ADDR), "10.0.0.5:24100")
        .join();
  }

  @Test
  void aRegistrationLocksTheCollateralAsOutputZeroAndCarriesBothSignatures() {
    fund(ALICE_ADDR, 400 * TIME, 1_500 * TIME, 5 * TIME);
    SentTransaction sent = registerBronze();

    Transaction tx = submitted.get(0);
    assertThat(tx.version()).isEqualTo(MasternodeRegistration.TX_VERSION);
    assertThat(sent.txid()).isEqualTo(tx.txid().toHex());
    assertThat(tx.outputs().get(0)).isEqualTo(new TxOut(Tier.BRONZE.collateral(), ALICE_ADDR));
    assertThat(tx.inputs().get(0).pubKey()).isEqualTo(ALICE.publicKey());
    assertAcceptedByTheRules(tx);
    assertThat(registry.byOperatorKey(OPERATOR.publicKey()).orElseThrow().collateral())
        .isEqualTo(tx.outPoint(0));
    MasternodeRegistration reg = (MasternodeRegistration) tx.payload();
    assertThat(reg.tier()).isEqualTo(Tier.BRONZE);
    assertThat(reg.operatorKey()).isEqualTo(OPERATOR.publicKey());
    assertThat(reg.rewardAddress()).isEqualTo(BOB_ADDR);
    assertThat(reg.networkAddress()).isEqualTo("10.0.0.5:24100");
    assertThat(
            OPERATOR
                .publicKey()
                .verify(SigHash.operator(CHAIN, tx.unsignedTxid()), reg.operatorSignature()))
        .isTrue();
    long in = 1_500 * TIME;
    long change = tx.outputs().size() > 1 ? tx.outputs().get(1).amount() : 0;
    assertThat(Tier.BRONZE.collateral() + change + sent.fee()).isEqualTo(in);
    assertThat(sent.fee())
        .isGreaterThanOrEqualTo(ConsensusParams.defaults().requiredFee(tx.totalOutput()))
        .isGreaterThanOrEqualTo(tx.encodedSize()); // 1 unit per byte, payload included
  }

  @Test
  void theCollateralIsHeldOutOfLaterSends() {
    fund(ALICE_ADDR, 1_500 * TIME);
    SentTransaction sent = registerBronze();
    store(submitted.get(0));
    OutPoint collateral = submitted.get(0).outPoint(0);
    assertThat(coins.coin(collateral)).isPresent();
    assertThat(coins.held()).contains(collateral);
    // only the change is spendable: a send of more than it fails although the balance covers it
    long change = 1_500 * TIME - Tier.BRONZE.collateral() - sent.fee();
    assertThat(coins.availableTotal()).isEqualTo(change);
    assertThat(
            failure(spender.send(BOB_ADDR.toText(Network.TESTNET), 600 * TIME, Optional.empty()))
                .kind())
        .isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS);
    coins.unhold(collateral);
    assertThat(coins.availableTotal()).isEqualTo(change + Tier.BRONZE.collateral());
  }

  @Test
  void theRewardDefaultsToTheCollateralsAddress() {
    fund(ALICE_ADDR, 1_500 * TIME);
    masternodeTx.register(Tier.BRONZE, OPERATOR, Optional.empty(), "10.0.0.5:24100").join();
    assertThat(((MasternodeRegistration) submitted.get(0).payload()).rewardAddress())
        .isEqualTo(ALICE_ADDR);
  }

  @Test
  void aDeregistrationIsSignedByTheCollateralsOwnerAndPaysItsFeeFromAnotherCoin() {
    fund(ALICE_ADDR, 1_500 * TIME);
    registerBronze();
    store(submitted.get(0));
    OutPoint collateral = submitted.get(0).outPoint(0);

    SentTransaction sent = masternodeTx.deregister(collateral, ALICE_ADDR).join();
    Transaction tx = submitted.get(1);
    assertThat(tx.version()).isEqualTo(MasternodeDeregistration.TX_VERSION);
    assertThat(tx.inputs()).noneMatch(i -> i.prev().equals(collateral));
    assertAcceptedByTheRules(submitted.get(0));
    assertAcceptedByTheRules(tx);
    assertThat(registry.byCollateral(collateral).orElseThrow().status())
        .isEqualTo(org.timecoin.domain.masternode.MasternodeRecord.Status.LEAVING);
    MasternodeDeregistration d = (MasternodeDeregistration) tx.payload();
    assertThat(d.collateral()).isEqualTo(collateral);
    assertThat(d.ownerKey()).isEqualTo(ALICE.publicKey());
    assertThat(
            ALICE.publicKey().verify(SigHash.owner(CHAIN, tx.unsignedTxid()), d.ownerSignature()))
        .isTrue();
    assertThat(tx.outputs()).hasSize(1);
    assertThat(tx.outputs().get(0).address()).isEqualTo(ALICE_ADDR);
    assertThat(sent.fee()).isGreaterThanOrEqualTo(tx.encodedSize());
  }

  @Test
  void freeAndUnaffordableTiersAreRefused() {
    fund(ALICE_ADDR, 5_000 * TIME);
    WalletException free =
        failure(masternodeTx.register(Tier.FREE, OPERATOR, Optional.empty(), "h:1"));
    assertThat(free.kind()).isEqualTo(WalletException.Kind.INVALID_PARAMETER);
    assertThat(free.getMessage()).contains("FREE", "cannot be registered");
    WalletException silver =
        failure(masternodeTx.register(Tier.SILVER, OPERATOR, Optional.empty(), "h:1"));
    assertThat(silver.kind()).isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS);
    assertThat(silver.getMessage()).contains("SILVER", "10000");
    assertThat(submitted).isEmpty();
    assertThat(coins.availableTotal()).isEqualTo(5_000 * TIME);
  }

  @Test
  void aNetworkAddressTooLongOrNotAsciiIsRefused() {
    fund(ALICE_ADDR, 1_500 * TIME);
    assertThat(
            failure(
                    masternodeTx.register(
                        Tier.BRONZE, OPERATOR, Optional.empty(), "h".repeat(65) + ":1"))
                .getMessage())
        .contains("limit 64");
    assertThat(
            failure(masternodeTx.register(Tier.BRONZE, OPERATOR, Optional.empty(), "hé:1")).kind())
        .isEqualTo(WalletException.Kind.INVALID_PARAMETER);
    assertThat(submitted).isEmpty();
  }

  @Test
  void aLockedWalletSignsNothingAndReleasesTheCoins() {
    fund(ALICE_ADDR, 1_500 * TIME);
    keys.lock(true);
    assertThat(
            failure(masternodeTx.register(Tier.BRONZE, OPERATOR, Optional.empty(), "h:1")).kind())
        .isEqualTo(WalletException.Kind.LOCKED);
    assertThat(coins.availableTotal()).isEqualTo(1_500 * TIME);
    OutPoint someCollateral = new OutPoint(org.timecoin.common.Hash32.ZERO, 0);
    assertThat(failure(masternodeTx.deregister(someCollateral, ALICE_ADDR)).kind())
        .isEqualTo(WalletException.Kind.LOCKED);
  }

  @Test
  void aCollateralPayingAnotherWalletCannotBeDeregisteredHere() {
    fund(ALICE_ADDR, 10 * TIME);
    OutPoint bobs = new OutPoint(org.timecoin.common.Hash32.ZERO, 0);
    WalletException e = failure(masternodeTx.deregister(bobs, BOB_ADDR));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.NOT_IN_WALLET);
    assertThat(e.getMessage()).contains(BOB_ADDR.toText(Network.TESTNET));
  }

  @Test
  void aDeregistrationWithoutACoinForItsFeeIsRefused() {
    Transaction f = funding(height, new TxOut(Tier.BRONZE.collateral(), ALICE_ADDR));
    store(f);
    OutPoint collateral = f.outPoint(0);
    WalletException e = failure(masternodeTx.deregister(collateral, ALICE_ADDR));
    // the collateral is the wallet's only coin, and it never pays its own deregistration
    assertThat(e.kind()).isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS);
    assertThat(e.getMessage()).contains("fee");
    assertThat(submitted).isEmpty();
  }

  @Test
  void aRefusedRegistrationReleasesItsCoinsAndHoldsNothing() {
    fund(ALICE_ADDR, 1_500 * TIME);
    answer = new WalletSpender.Admission(false, "MASTERNODE_KEY_REGISTERED: operator key taken");
    WalletException e =
        failure(masternodeTx.register(Tier.BRONZE, OPERATOR, Optional.empty(), "h:1"));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.REJECTED);
    assertThat(e.getMessage()).contains("operator key taken");
    assertThat(coins.held()).isEmpty();
    assertThat(coins.availableTotal()).isEqualTo(1_500 * TIME);
  }
}
