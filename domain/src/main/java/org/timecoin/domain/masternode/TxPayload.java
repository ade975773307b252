package org.timecoin.domain.masternode;

import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;

/**
 * What a transaction of version 2 or 3 carries after its transfer fields. The payload's signature
 * is left out of the transaction's unsigned txid, so it commits to everything else.
 */
public sealed interface TxPayload permits MasternodeRegistration, MasternodeDeregistration {
  /** Size of the signature every payload ends with. */
  int SIGNATURE_SIZE = 64;

  /** The transaction version whose encoding carries this payload. */
  int txVersion();

  /** Size of the encoding, signature included. */
  int encodedSize();

  /** Writes every field but the signature. */
  void writeUnsigned(ByteWriter out);

  /** The 64-byte signature (all zeros while unsigned). */
  byte[] signature();

  /** The same payload with {@code signature} (64 bytes). */
  TxPayload withSignature(byte[] signature);

  /** True when the signature is not all zeros (it may still fail to verify). */
  default boolean isSigned() {
    for (byte b : signature()) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  /** Writes the whole payload, signature last. */
  default void write(ByteWriter out) {
    writeUnsigned(out);
    out.raw(signature());
  }

  /** Reads the payload a transaction of {@code txVersion} carries; null for versions without. */
  static TxPayload read(int txVersion, ByteReader in) {
    return switch (txVersion) {
      case MasternodeRegistration.TX_VERSION -> MasternodeRegistration.CODEC.read(in);
      case MasternodeDeregistration.TX_VERSION -> MasternodeDeregistration.CODEC.read(in);
      default -> null;
    };
  }

  /** True when transactions of {@code txVersion} carry a payload. */
  static boolean versionHasPayload(int txVersion) {
    return txVersion == MasternodeRegistration.TX_VERSION
        || txVersion == MasternodeDeregistration.TX_VERSION;
  }
}
