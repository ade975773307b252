package org.timecoin.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;

/**
 * A signed ⟨PROPOSAL, height, round, v, validRound⟩ message of Algorithm 1 (line 19).
 *
 * <p>{@code value} is the hash of the proposed block; the block itself travels beside the proposal
 * and is checked outside the core ({@link Effect.ValidateBlock} / {@link Input.BlockValidated}).
 * {@code validRound} is -1 for a fresh value, else the round in which the proposer saw a polka for
 * it. The signature covers {@link MessageSigning#proposalSignBytes}.
 */
public record Proposal(
    long height, int round, Hash32 value, int validRound, PublicKey proposer, byte[] signature) {

  public Proposal {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != Vote.SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Proposal p
        && height == p.height
        && round == p.round
        && validRound == p.validRound
        && value.equals(p.value)
        && proposer.equals(p.proposer)
        && Arrays.equals(signature, p.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, round, value, validRound, proposer) * 31
        + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Proposal[h="
        + height
        + " r="
        + round
        + " v="
        + value.toHex().substring(0, 8)
        + " vr="
        + validRound
        + " by="
        + proposer
        + "]";
  }
}
