package org.timecoin.domain.masternode;

import java.util.Arrays;
import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.OutPoint;

/**
 * Payload of a deregistration (transaction version 3): the collateral outpoint naming the
 * masternode, the owner key (which must hash to the collateral output's address) and the owner's
 * signature over {@code SigHash.owner(chainId, unsignedTxid)}. Its inputs and outputs pay the fee
 * as any transfer. Encoded as outpoint ‖ key(32) ‖ signature(64).
 */
public record MasternodeDeregistration(
    OutPoint collateral, PublicKey ownerKey, byte[] ownerSignature) implements TxPayload {
  public static final int TX_VERSION = 3;
  public static final int ENCODED_SIZE =
      OutPoint.ENCODED_SIZE + PublicKey.SIZE + TxPayload.SIGNATURE_SIZE;

  public static final Codec<MasternodeDeregistration> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, MasternodeDeregistration value) {
          value.write(out);
        }

        @Override
        public MasternodeDeregistration read(ByteReader in) {
          OutPoint collateral = OutPoint.CODEC.read(in);
          PublicKey owner = PublicKey.CODEC.read(in);
          return new MasternodeDeregistration(collateral, owner, in.raw(TxPayload.SIGNATURE_SIZE));
        }
      };

  public MasternodeDeregistration {
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(ownerKey, "ownerKey");
    if (ownerSignature.length != TxPayload.SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "owner signature must be 64 bytes, got " + ownerSignature.length);
    }
    ownerSignature = ownerSignature.clone();
  }

  /** A deregistration whose owner signature is still all zeros. */
  public static MasternodeDeregistration unsigned(OutPoint collateral, PublicKey ownerKey) {
    return new MasternodeDeregistration(collateral, ownerKey, new byte[TxPayload.SIGNATURE_SIZE]);
  }

  @Override
  public int txVersion() {
    return TX_VERSION;
  }

  @Override
  public int encodedSize() {
    return ENCODED_SIZE;
  }

  @Override
  public void writeUnsigned(ByteWriter out) {
    OutPoint.CODEC.write(out, collateral);
    PublicKey.CODEC.write(out, ownerKey);
  }

  @Override
  public byte[] ownerSignature() {
    return ownerSignature.clone();
  }

  @Override
  public byte[] signature() {
    return ownerSignature.clone();
  }

  @Override
  public MasternodeDeregistration withSignature(byte[] signature) {
    return new MasternodeDeregistration(collateral, ownerKey, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasternodeDeregistration d
        && collateral.equals(d.collateral)
        && ownerKey.equals(d.ownerKey)
        && Arrays.equals(ownerSignature, d.ownerSignature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(collateral, ownerKey) + 31 * Arrays.hashCode(ownerSignature);
  }

  @Override
  public String toString() {
    return "MasternodeDeregistration[collateral=" + collateral + ", owner=" + ownerKey + "]";
  }
}
