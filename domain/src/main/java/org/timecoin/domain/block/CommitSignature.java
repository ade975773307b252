package org.timecoin.domain.block;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.crypto.Ed25519;
import org.timecoin.domain.crypto.PublicKey;

/** One validator's PRECOMMIT signature inside a certificate. Encoded as pubkey(32) ‖ sig(64). */
public record CommitSignature(PublicKey validator, byte[] signature) {
  public static final Codec<CommitSignature> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, CommitSignature s) {
          PublicKey.CODEC.write(out, s.validator);
          out.raw(s.signature);
        }

        @Override
        public CommitSignature read(ByteReader in) {
          PublicKey key = PublicKey.CODEC.read(in);
          return new CommitSignature(key, in.raw(Ed25519.SIGNATURE_SIZE));
        }
      };

  public CommitSignature {
    Objects.requireNonNull(validator, "validator");
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommitSignature other
        && validator.equals(other.validator)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * validator.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "CommitSignature[" + validator + ", " + HexFormat.of().formatHex(signature) + "]";
  }
}
