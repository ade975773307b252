package org.timecoin.domain.tx;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.crypto.DecodedKeys;
import org.timecoin.domain.crypto.Ed25519;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Spends {@code prev} with the key whose address it pays. The signature is always 64 bytes; an
 * unsigned input carries 64 zero bytes. Encoded as outpoint ‖ pubkey(32) ‖ signature(64).
 */
public record TxIn(OutPoint prev, PublicKey pubKey, byte[] signature) {
  public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;
  public static final int ENCODED_SIZE = OutPoint.ENCODED_SIZE + PublicKey.SIZE + SIGNATURE_SIZE;

  public static final Codec<TxIn> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, TxIn value) {
          value.writeUnsigned(out);
          out.raw(value.signature);
        }

        @Override
        public TxIn read(ByteReader in) {
          OutPoint prev = OutPoint.CODEC.read(in);
          PublicKey key = PublicKey.CODEC.read(in);
          return new TxIn(prev, key, in.raw(SIGNATURE_SIZE));
        }
      };

  public TxIn {
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(pubKey, "pubKey");
    if (signature.length != SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  /** An input with an all-zero signature, to be signed later. */
  public static TxIn unsigned(OutPoint prev, PublicKey pubKey) {
    return new TxIn(prev, pubKey, new byte[SIGNATURE_SIZE]);
  }

  public TxIn withSignature(byte[] sig) {
    return new TxIn(prev, pubKey, sig);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signature without a copy; callers must not modify it. */
  byte[] signatureRef() {
    return signature;
  }

  /** True when the signature verifies over {@code message} under this input's key. */
  public boolean verifySignature(byte[] message) {
    return pubKey.verify(message, signature);
  }

  /** As above, with the decoded point of this key that {@code keys} holds, if any. */
  public boolean verifySignature(byte[] message, DecodedKeys keys) {
    return keys.verify(pubKey, message, signature);
  }

  /** Writes the fields covered by the signature: outpoint and pubkey. */
  void writeUnsigned(ByteWriter out) {
    OutPoint.CODEC.write(out, prev);
    PublicKey.CODEC.write(out, pubKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxIn other
        && prev.equals(other.prev)
        && pubKey.equals(other.pubKey)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * prev.hashCode() + pubKey.hashCode()) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "TxIn[" + prev + ", " + pubKey + ", " + HexFormat.of().formatHex(signature) + "]";
  }
}
