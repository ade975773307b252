package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.TxPayload;

class MasternodeTransactionTest {
  private static final Hash32 CHAIN = Sha256.hash("test-chain".getBytes());
  private static final KeyPair OWNER = KeyPair.fromSeed(Sha256.digest("owner".getBytes()));
  private static final KeyPair OPERATOR = KeyPair.fromSeed(Sha256.digest("operator".getBytes()));
  private static final Address OWNER_ADDRESS = Address.fromPublicKey(OWNER.publicKey());
  private static final OutPoint FUNDS = new OutPoint(Sha256.hash("funds".getBytes()), 0);

  private static TxBuilder registration() {
    return new TxBuilder()
        .input(FUNDS, OWNER)
        .output(Tier.BRONZE.collateral(), OWNER_ADDRESS)
        .registration(Tier.BRONZE, OPERATOR, OWNER_ADDRESS, "203.0.113.7:24100");
  }

  @Test
  void builderSignsInputsAndTheOperatorPart() {
    Transaction tx = registration().sign(CHAIN);
    assertThat(tx.version()).isEqualTo(MasternodeRegistration.TX_VERSION);
    MasternodeRegistration reg = (MasternodeRegistration) tx.payload();
    assertThat(reg.isSigned()).isTrue();
    assertThat(
            OPERATOR
                .publicKey()
                .verify(SigHash.operator(CHAIN, tx.unsignedTxid()), reg.operatorSignature()))
        .isTrue();
    assertThat(OWNER.publicKey().verify(SigHash.of(CHAIN, tx, 0), tx.inputs().get(0).signature()))
        .isTrue();
    assertThat(SigHash.operator(CHAIN, tx.unsignedTxid()))
        .isEqualTo(
            Sha256.digest(CHAIN.toBytes(), tx.unsignedTxid().toBytes(), "operator".getBytes()));
  }

  @Test
  void unsignedTxidLeavesOutThePayloadSignatureOnly() {
    Transaction unsigned = registration().unsigned();
    Transaction signed = registration().sign(CHAIN);
    assertThat(signed.unsignedTxid()).isEqualTo(unsigned.unsignedTxid());
    assertThat(signed.txid()).isNotEqualTo(unsigned.txid());
    Transaction otherNetwork =
        new TxBuilder()
            .input(FUNDS, OWNER)
            .output(Tier.BRONZE.collateral(), OWNER_ADDRESS)
            .registration(Tier.BRONZE, OPERATOR, OWNER_ADDRESS, "203.0.113.8:24100")
            .unsigned();
    assertThat(otherNetwork.unsignedTxid()).isNotEqualTo(unsigned.unsignedTxid());
  }

  @Test
  void encodingIsTheTransferFollowedByThePayload() {
    Transaction tx = registration().sign(CHAIN);
    Transaction transfer =
        new Transaction(1, tx.inputs(), tx.outputs(), tx.lockTime(), tx.timestamp());
    byte[] bytes = Transaction.CODEC.encode(tx);
    byte[] transferBytes = Transaction.CODEC.encode(transfer);
    byte[] payload = MasternodeRegistration.CODEC.encode((MasternodeRegistration) tx.payload());
    assertThat(bytes).hasSize(tx.encodedSize()).hasSize(transferBytes.length + payload.length);
    assertThat(java.util.Arrays.copyOfRange(bytes, 4, transferBytes.length))
        .isEqualTo(java.util.Arrays.copyOfRange(transferBytes, 4, transferBytes.length));
    assertThat(java.util.Arrays.copyOfRange(bytes, transferBytes.length, bytes.length))
        .isEqualTo(payload);
    assertThat(Transaction.CODEC.decode(bytes)).isEqualTo(tx);
  }

  @Test
  void deregistrationIsSignedByTheOwnerWithItsOwnSuffix() {
    OutPoint collateral = registration().sign(CHAIN).outPoint(0);
    Transaction tx =
        new TxBuilder()
            .input(FUNDS, OWNER)
            .output(10_000, OWNER_ADDRESS)
            .deregistration(collateral, OWNER)
            .sign(CHAIN);
    assertThat(tx.version()).isEqualTo(MasternodeDeregistration.TX_VERSION);
    MasternodeDeregistration d = (MasternodeDeregistration) tx.payload();
    assertThat(d.collateral()).isEqualTo(collateral);
    assertThat(
            OWNER.publicKey().verify(SigHash.owner(CHAIN, tx.unsignedTxid()), d.ownerSignature()))
        .isTrue();
    assertThat(
            OWNER
                .publicKey()
                .verify(SigHash.operator(CHAIN, tx.unsignedTxid()), d.ownerSignature()))
        .isFalse();
    assertThat(Transaction.CODEC.decode(Transaction.CODEC.encode(tx))).isEqualTo(tx);
  }

  @Test
  void payloadSignerRefusesAnotherKeyAndATransfer() {
    Transaction unsigned = registration().unsigned();
    assertThatThrownBy(() -> TxSigner.signPayload(unsigned, CHAIN, OWNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("operator");
    Transaction transfer = new TxBuilder().input(FUNDS, OWNER).output(1, OWNER_ADDRESS).unsigned();
    assertThatThrownBy(() -> TxSigner.signPayload(transfer, CHAIN, OWNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no payload");
  }

  @Test
  void versionAndPayloadMustAgree() {
    TxPayload reg =
        MasternodeRegistration.unsigned(Tier.BRONZE, OPERATOR.publicKey(), OWNER_ADDRESS, "h:1");
    TxPayload dereg = MasternodeDeregistration.unsigned(FUNDS, OWNER.publicKey());
    assertThatThrownBy(() -> new Transaction(1, List.of(), List.of(), 0, 0, reg))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transaction(2, List.of(), List.of(), 0, 0, dereg))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transaction(3, List.of(), List.of(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Transaction(7, List.of(), List.of(), 0, 0).payload()).isNull();
  }

  @Test
  void payloadsCopyTheirSignatures() {
    byte[] sig = new byte[64];
    MasternodeRegistration reg =
        new MasternodeRegistration(
            Tier.GOLD, OPERATOR.publicKey(), OWNER_ADDRESS, "example.org:1", sig);
    sig[0] = 1;
    assertThat(reg.operatorSignature()[0]).isZero();
    reg.signature()[1] = 1;
    assertThat(reg.isSigned()).isFalse();
    assertThatThrownBy(
            () ->
                new MasternodeRegistration(
                    Tier.GOLD, OPERATOR.publicKey(), OWNER_ADDRESS, "caf\u00e9:1", new byte[64]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
