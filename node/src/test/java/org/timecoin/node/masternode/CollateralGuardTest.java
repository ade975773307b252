package org.timecoin.node.masternode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.node.masternode.Registry.ALICE;
import static org.timecoin.node.masternode.Registry.ALICE_ADDR;
import static org.timecoin.node.masternode.Registry.CHAIN;
import static org.timecoin.node.masternode.Registry.L_COLLATERAL;
import static org.timecoin.node.masternode.Registry.M;
import static org.timecoin.node.masternode.Registry.M_COLLATERAL;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;

class CollateralGuardTest {
  static final long BRONZE = Tier.BRONZE.collateral();
  final Registry reg = new Registry();
  final CollateralGuard guard = new CollateralGuard(reg.chain, reg.walletTx);

  @Test
  void atStartTheCollateralsOfMasternodesInASetAreHeldAndThoseThatLeftAreNot() {
    reg.walletCoin(M_COLLATERAL, BRONZE);
    reg.walletCoin(L_COLLATERAL, BRONZE);
    reg.walletCoin(new OutPoint(Sha256.hash(new byte[] {70}), 0), 3 * BRONZE);
    guard.load();
    assertThat(reg.coins.held()).containsExactly(M_COLLATERAL);
    assertThat(reg.coins.availableTotal()).isEqualTo(4 * BRONZE);
  }

  @Test
  void aLeavingMasternodesCollateralStaysHeldUntilNoCurrentOrNextSetHoldsIt() {
    reg.walletCoin(M_COLLATERAL, BRONZE);
    guard.load();
    MasternodeRecord m = reg.chain.registry.byOperatorKey(M.publicKey()).orElseThrow();
    reg.chain.registry.put(m.leaving(46));
    reg.chain.height = 46;
    guard.onTransactions(List.of());
    assertThat(reg.coins.held()).as("still in the sets of epochs 4 and 5").contains(M_COLLATERAL);
    reg.chain.registry.putValidatorSet(6, Registry.set(Registry.G, Registry.G2));
    reg.chain.registry.putValidatorSet(7, Registry.set(Registry.G, Registry.G2));
    reg.chain.height = 60; // next height 61, epoch 6: the sets of 6 and 7 leave M out
    guard.onTransactions(List.of());
    assertThat(reg.coins.held()).isEmpty();
    assertThat(reg.coins.availableTotal()).isEqualTo(BRONZE);
  }

  @Test
  void aRegistrationOfTheWalletIsHeldAsSoonAsItsBlockArrives() {
    Transaction registration =
        new TxBuilder()
            .registration(Tier.BRONZE, Registry.key(40), ALICE_ADDR, "10.0.0.9:24100")
            .input(new OutPoint(Sha256.hash(new byte[] {41}), 0), ALICE)
            .output(BRONZE, ALICE_ADDR)
            .sign(CHAIN);
    OutPoint collateral = registration.outPoint(0);
    reg.walletCoin(collateral, BRONZE); // the wallet took in the block first
    reg.chain.registry.put(
        MasternodeRecord.registered(
            (org.timecoin.domain.masternode.MasternodeRegistration) registration.payload(),
            collateral,
            ALICE_ADDR,
            46));
    guard.onTransactions(List.of(registration));
    assertThat(reg.coins.held()).as("its record is pending").containsExactly(collateral);
    assertThat(reg.coins.availableTotal()).isZero();
  }

  @Test
  void aHeldCoinWhoseRecordIsGoneIsReleased() {
    OutPoint stale = new OutPoint(Sha256.hash(new byte[] {42}), 0);
    reg.walletCoin(stale, Amounts.UNITS_PER_TIME);
    reg.coins.hold(stale);
    OutPoint notYetFinal = new OutPoint(Sha256.hash(new byte[] {43}), 0);
    reg.coins.hold(notYetFinal);
    guard.onTransactions(List.of());
    assertThat(reg.coins.held())
        .as("a registration not final yet stays held")
        .containsExactly(notYetFinal);
    assertThat(reg.coins.availableTotal()).isEqualTo(Amounts.UNITS_PER_TIME);
  }
}
