package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.domain.masternode.MasternodeFixture.CHAIN;
import static org.timecoin.domain.masternode.MasternodeFixture.address;
import static org.timecoin.domain.masternode.MasternodeFixture.deregistration;
import static org.timecoin.domain.masternode.MasternodeFixture.funds;
import static org.timecoin.domain.masternode.MasternodeFixture.key;
import static org.timecoin.domain.masternode.MasternodeFixture.registration;
import static org.timecoin.domain.masternode.MasternodeFixture.spend;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeFixture;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.RegistryChain;
import org.timecoin.domain.masternode.RegistryOverlay;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;

/** Every rejection of the registry-dependent masternode rules, and what they allow. */
class MasternodeRulesTest {
  private static final long E = 10;
  private static final KeyPair OWNER = key("owner");
  private static final KeyPair OPERATOR = key("operator");
  private static final KeyPair THIEF = key("thief");

  private RegistryChain chain;

  @BeforeEach
  void setUp() {
    chain = new RegistryChain(MasternodeFixture.genesisSet(4), E, 5, 20);
  }

  private static void assertRejected(ValidationResult r, Rejection expected, String detail) {
    assertThat(r.rejection()).as(r.toString()).isEqualTo(expected);
    assertThat(r.detail()).contains(detail);
  }

  /** Registers OPERATOR at the next height and returns its collateral. */
  private OutPoint registerOperator() {
    Transaction reg = registration(OWNER, OPERATOR, Tier.BRONZE);
    chain.apply(reg);
    return reg.outPoint(0);
  }

  @Test
  void aValidRegistrationIsAcceptedAndRecorded() {
    Transaction reg = registration(OWNER, OPERATOR, Tier.SILVER);
    assertThat(chain.check(reg).isValid()).isTrue();
    chain.apply(reg);
    MasternodeRecord r = chain.record(OPERATOR.publicKey());
    assertThat(r.status()).isEqualTo(MasternodeRecord.Status.PENDING);
    assertThat(r.collateral()).isEqualTo(reg.outPoint(0));
    assertThat(r.owner()).isEqualTo(address(OWNER));
    assertThat(r.votingPower()).isEqualTo(Tier.SILVER.votingPower());
    assertThat(r.registeredHeight()).isEqualTo(1);
  }

  @Test
  void operatorKeyAlreadyRegisteredIsRefused() {
    registerOperator();
    assertRejected(
        chain.check(registration(key("other-owner"), OPERATOR, Tier.GOLD)),
        Rejection.OPERATOR_ALREADY_REGISTERED,
        "already registered");
    KeyPair genesisKey = key("genesis-0");
    assertRejected(
        chain.check(registration(OWNER, genesisKey, Tier.BRONZE)),
        Rejection.OPERATOR_ALREADY_REGISTERED,
        "ACTIVE_SET");
  }

  @Test
  void twoRegistrationsOfOneKeyInOneBlockAreRefused() {
    ValidationResult r =
        chain.check(
            registration(OWNER, OPERATOR, Tier.BRONZE),
            registration(key("other-owner"), OPERATOR, Tier.SILVER));
    assertRejected(r, Rejection.DUPLICATE_REGISTRATION, "registered twice");
    assertThat(r.txIndex()).isEqualTo(1);
  }

  @Test
  void collateralAlreadyUsedIsRefused() {
    Transaction reg = registration(OWNER, OPERATOR, Tier.BRONZE);
    MasternodeRecord squatter =
        MasternodeRecord.registered(
            MasternodeRegistration.unsigned(
                Tier.BRONZE, key("squatter").publicKey(), address(OWNER), "h.io:1"),
            reg.outPoint(0),
            address(OWNER),
            1);
    chain.registry.put(squatter);
    assertRejected(chain.check(reg), Rejection.COLLATERAL_ALREADY_USED, reg.outPoint(0).toString());
  }

  @Test
  void badOperatorSignatureIsRefused() {
    Transaction reg = registration(OWNER, OPERATOR, Tier.BRONZE);
    MasternodeRegistration payload = (MasternodeRegistration) reg.payload();
    Transaction signedByOther =
        reg.withPayload(
            payload.withSignature(THIEF.sign(SigHash.operator(CHAIN, reg.unsignedTxid()))));
    assertRejected(chain.check(signedByOther), Rejection.BAD_OPERATOR_SIGNATURE, "does not verify");
    Hash32 otherChain = Sha256.hash("other".getBytes());
    Transaction otherChainSig =
        reg.withPayload(
            payload.withSignature(OPERATOR.sign(SigHash.operator(otherChain, reg.unsignedTxid()))));
    assertRejected(chain.check(otherChainSig), Rejection.BAD_OPERATOR_SIGNATURE, "operator");
    Transaction ownerRoleSig =
        reg.withPayload(
            payload.withSignature(OPERATOR.sign(SigHash.owner(CHAIN, reg.unsignedTxid()))));
    assertRejected(chain.check(ownerRoleSig), Rejection.BAD_OPERATOR_SIGNATURE, "operator");
  }

  @Test
  void deregistrationOfAnUnknownMasternodeIsRefused() {
    assertRejected(
        chain.check(deregistration(OWNER, funds("nothing"))),
        Rejection.UNKNOWN_MASTERNODE,
        "no registered masternode");
  }

  @Test
  void deregistrationOfALeavingMasternodeIsRefused() {
    OutPoint collateral = registerOperator();
    chain.apply(deregistration(OWNER, collateral));
    assertRejected(
        chain.check(deregistration(OWNER, collateral)), Rejection.ALREADY_LEAVING, "leaving");
  }

  @Test
  void twoDeregistrationsInOneBlockAreRefused() {
    OutPoint collateral = registerOperator();
    Transaction first = deregistration(OWNER, collateral);
    Transaction second =
        new TxBuilder()
            .input(funds("second"), OWNER)
            .output(5_000, address(OWNER))
            .deregistration(collateral, OWNER)
            .sign(CHAIN);
    ValidationResult r = chain.check(first, second);
    assertRejected(r, Rejection.ALREADY_LEAVING, "already leaving");
    assertThat(r.txIndex()).isEqualTo(1);
  }

  @Test
  void deregistrationBySomeoneElseIsRefused() {
    OutPoint collateral = registerOperator();
    Transaction byThief =
        new TxBuilder()
            .input(funds("thief"), THIEF)
            .output(5_000, address(THIEF))
            .deregistration(collateral, THIEF)
            .sign(CHAIN);
    assertRejected(chain.check(byThief), Rejection.NOT_COLLATERAL_OWNER, "does not own");
    // The operator key does not own the collateral either.
    Transaction byOperator =
        new TxBuilder()
            .input(funds("op"), OPERATOR)
            .output(5_000, address(OPERATOR))
            .deregistration(collateral, OPERATOR)
            .sign(CHAIN);
    assertRejected(chain.check(byOperator), Rejection.NOT_COLLATERAL_OWNER, "does not own");
  }

  @Test
  void badOwnerSignatureIsRefused() {
    OutPoint collateral = registerOperator();
    Transaction dereg = deregistration(OWNER, collateral);
    MasternodeDeregistration payload = (MasternodeDeregistration) dereg.payload();
    Transaction forged =
        dereg.withPayload(
            payload.withSignature(THIEF.sign(SigHash.owner(CHAIN, dereg.unsignedTxid()))));
    assertRejected(chain.check(forged), Rejection.BAD_OWNER_SIGNATURE, "does not verify");
  }

  @Test
  void collateralOfAMemberOfTheCurrentOrNextSetIsLocked() {
    chain.runTo(E - 1);
    OutPoint collateral = registerOperator(); // at height E: enters set(2) computed right after
    assertThat(chain.setAt(2 * E + 1).contains(OPERATOR.publicKey())).isTrue();
    // Height E + 1 (epoch 1): set(2) is the next set.
    assertRejected(
        chain.check(spend(OWNER, collateral)), Rejection.COLLATERAL_LOCKED, "votes in epoch 2");
    chain.runTo(2 * E + 3); // epoch 2: now the current set
    assertRejected(
        chain.check(spend(OWNER, collateral)), Rejection.COLLATERAL_LOCKED, "votes in epoch 2");
  }

  @Test
  void collateralOfAPendingMasternodeIsSpendableAndTheSpendDeletesIt() {
    chain.runTo(3);
    OutPoint collateral = registerOperator();
    var delta = chain.apply(spend(OWNER, collateral));
    assertThat(delta.deletes())
        .extracting(MasternodeRecord::operatorKey)
        .containsExactly(OPERATOR.publicKey());
    assertThat(chain.registry.byOperatorKey(OPERATOR.publicKey())).isEmpty();
    assertThat(chain.registry.byCollateral(collateral)).isEmpty();
    // The key is free again.
    assertThat(chain.check(registration(key("new-owner"), OPERATOR, Tier.GOLD)).isValid()).isTrue();
  }

  @Test
  void registerThenSpendInOneBlockLeavesNothing() {
    Transaction reg = registration(OWNER, OPERATOR, Tier.BRONZE);
    var delta = chain.apply(reg, spend(OWNER, reg.outPoint(0)));
    assertThat(delta.puts())
        .extracting(MasternodeRecord::operatorKey)
        .doesNotContain(OPERATOR.publicKey());
    assertThat(chain.registry.byOperatorKey(OPERATOR.publicKey())).isEmpty();
  }

  @Test
  void aRegistrationMaySpendItsKeysOldCollateral() {
    chain.runTo(2);
    OutPoint old = registerOperator();
    Transaction again =
        new TxBuilder()
            .input(old, OWNER)
            .output(Tier.SILVER.collateral(), address(OWNER))
            .registration(Tier.SILVER, OPERATOR, address(OWNER), "h.io:1")
            .sign(CHAIN);
    chain.apply(again);
    MasternodeRecord r = chain.record(OPERATOR.publicKey());
    assertThat(r.tier()).isEqualTo(Tier.SILVER);
    assertThat(r.collateral()).isEqualTo(again.outPoint(0));
    assertThat(chain.registry.byCollateral(old)).isEmpty();
  }

  @Test
  void aRejectedTransactionLeavesTheMempoolOverlayUntouched() {
    OutPoint collateral = registerOperator();
    RegistryOverlay mempool = new RegistryOverlay(chain.registry);
    Transaction forged =
        new TxBuilder()
            .input(collateral, OWNER) // unlocked (pending), so only the payload fails
            .output(10_000, address(OWNER))
            .deregistration(collateral, THIEF)
            .sign(CHAIN);
    ValidationResult r = MasternodeRules.checkAndApply(forged, mempool, chain.nextContext());
    assertThat(r.rejection()).isEqualTo(Rejection.UNKNOWN_MASTERNODE);
    assertThat(mempool.byCollateral(collateral)).isPresent();
    assertThat(mempool.puts()).isEmpty();

    Transaction first = registration(key("o1"), key("op1"), Tier.BRONZE);
    assertThat(MasternodeRules.checkAndApply(first, mempool, chain.nextContext()).isValid())
        .isTrue();
    Transaction second = registration(key("o2"), key("op1"), Tier.BRONZE);
    assertThat(MasternodeRules.checkAndApply(second, mempool, chain.nextContext()).rejection())
        .isEqualTo(Rejection.DUPLICATE_REGISTRATION);
  }
}
