package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.domain.masternode.MasternodeFixture.CHAIN;
import static org.timecoin.domain.masternode.MasternodeFixture.address;
import static org.timecoin.domain.masternode.MasternodeFixture.funds;
import static org.timecoin.domain.masternode.MasternodeFixture.key;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeFixture;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;

/** The masternode payload rules that need no registry. */
class TxRulesPayloadTest {
  private static final ConsensusParams P = ConsensusParams.defaults();
  private static final KeyPair OWNER = key("owner");
  private static final KeyPair OPERATOR = key("operator");

  private static TxBuilder registration(Tier tier, long collateral, String network) {
    return new TxBuilder()
        .input(funds("a"), OWNER)
        .output(collateral, address(OWNER))
        .registration(tier, OPERATOR, address(OWNER), network);
  }

  private static Rejection rejectionOf(Transaction tx) {
    return TxRules.checkStructure(tx, P).rejection();
  }

  @Test
  void wellFormedRegistrationAndDeregistrationPass() {
    for (Tier tier : List.of(Tier.BRONZE, Tier.SILVER, Tier.GOLD)) {
      Transaction tx = registration(tier, tier.collateral(), "203.0.113.7:24100").sign(CHAIN);
      assertThat(TxRules.checkStructure(tx, P).isValid()).as(tier.name()).isTrue();
    }
    Transaction dereg =
        MasternodeFixture.deregistration(OWNER, funds("a")); // the outpoint is checked statefully
    assertThat(TxRules.checkStructure(dereg, P).isValid()).isTrue();
  }

  @Test
  void unknownVersionIsRefused() {
    Transaction tx =
        new Transaction(4, signedInputs(), List.of(new TxOut(1_000, address(OWNER))), 0, 0);
    ValidationResult r = TxRules.checkStructure(tx, P);
    assertThat(r.rejection()).isEqualTo(Rejection.UNKNOWN_TX_VERSION);
    assertThat(r.detail()).contains("version 4");
  }

  private static List<org.timecoin.domain.tx.TxIn> signedInputs() {
    return new TxBuilder()
        .input(funds("b"), OWNER)
        .output(1_000, address(OWNER))
        .sign(CHAIN)
        .inputs();
  }

  @Test
  void freeTierIsRefused() {
    Transaction tx = registration(Tier.FREE, 1_000, "203.0.113.7:24100").sign(CHAIN);
    ValidationResult r = TxRules.checkStructure(tx, P);
    assertThat(r.rejection()).isEqualTo(Rejection.FREE_TIER_REGISTRATION);
    assertThat(r.detail()).contains("FREE");
  }

  @Test
  void badNetworkAddressIsRefused() {
    assertThat(rejectionOf(registration(Tier.BRONZE, Tier.BRONZE.collateral(), "").sign(CHAIN)))
        .isEqualTo(Rejection.BAD_NETWORK_ADDRESS);
    String tooLong = "a".repeat(60) + ".org:1";
    ValidationResult r =
        TxRules.checkStructure(
            registration(Tier.BRONZE, Tier.BRONZE.collateral(), tooLong).sign(CHAIN), P);
    assertThat(r.rejection()).isEqualTo(Rejection.BAD_NETWORK_ADDRESS);
    assertThat(r.detail()).contains("limit 64");
  }

  @Test
  void wrongCollateralAmountIsRefused() {
    for (long amount :
        new long[] {
          Tier.SILVER.collateral() - 1, Tier.SILVER.collateral() + 1, Tier.BRONZE.collateral()
        }) {
      ValidationResult r =
          TxRules.checkStructure(registration(Tier.SILVER, amount, "h.io:1").sign(CHAIN), P);
      assertThat(r.rejection()).as("amount %d", amount).isEqualTo(Rejection.BAD_COLLATERAL);
      assertThat(r.detail()).contains("needs exactly " + Tier.SILVER.collateral());
    }
  }

  @Test
  void collateralPaidToAnotherAddressIsRefused() {
    Transaction tx =
        new TxBuilder()
            .input(funds("a"), OWNER)
            .output(Tier.BRONZE.collateral(), address(OPERATOR))
            .registration(Tier.BRONZE, OPERATOR, address(OWNER), "h.io:1")
            .sign(CHAIN);
    ValidationResult r = TxRules.checkStructure(tx, P);
    assertThat(r.rejection()).isEqualTo(Rejection.BAD_COLLATERAL);
    assertThat(r.detail()).contains("input 0's key");
  }

  @Test
  void missingOperatorOrOwnerSignatureIsRefused() {
    Transaction unsignedReg =
        registration(Tier.BRONZE, Tier.BRONZE.collateral(), "h.io:1").unsigned();
    ValidationResult r = TxRules.checkStructure(unsignedReg, P);
    assertThat(r.rejection()).isEqualTo(Rejection.MISSING_PAYLOAD_SIGNATURE);
    assertThat(r.detail()).contains("operator");

    Transaction dereg = MasternodeFixture.deregistration(OWNER, funds("a"));
    Transaction stripped =
        dereg.withPayload(((MasternodeDeregistration) dereg.payload()).withSignature(new byte[64]));
    ValidationResult d = TxRules.checkStructure(stripped, P);
    assertThat(d.rejection()).isEqualTo(Rejection.MISSING_PAYLOAD_SIGNATURE);
    assertThat(d.detail()).contains("owner");
  }
}
