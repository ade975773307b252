package org.timecoin.consensus;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * A signed ⟨PREVOTE|PRECOMMIT, height, round, id(v)⟩ message of Algorithm 1.
 *
 * <p>{@code value} is the block hash voted for, or {@code null} for a vote for nil. The signature
 * covers {@code VoteSignBytes.of(chainId, type, height, round, value)} (see {@link
 * MessageSigning}); the pure core never checks it: {@link ConsensusEngine} does, through its {@link
 * MessageVerifier} port, before the vote reaches the core.
 */
public record Vote(
    VoteType type, long height, int round, Hash32 value, PublicKey validator, byte[] signature) {

  public Vote {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
    }
  }

  /** Ed25519 signature length. The array is not copied: callers must not change it. */
  public static final int SIGNATURE_SIZE = 64;

  public boolean isNil() {
    return value == null;
  }

  /** True if both votes are for the same (type, height, round, validator) slot. */
  public boolean sameSlot(Vote o) {
    return type == o.type
        && height == o.height
        && round == o.round
        && validator.equals(o.validator);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vote v
        && sameSlot(v)
        && Objects.equals(value, v.value)
        && Arrays.equals(signature, v.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, height, round, value, validator) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Vote["
        + type
        + " h="
        + height
        + " r="
        + round
        + " v="
        + (value == null ? "nil" : value.toHex().substring(0, 8))
        + " by="
        + validator
        + " sig="
        + HexFormat.of().formatHex(signature, 0, Math.min(4, signature.length))
        + "]";
  }
}
