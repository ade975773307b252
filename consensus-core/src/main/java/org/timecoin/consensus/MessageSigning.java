package org.timecoin.consensus;

import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;

/**
 * The exact bytes a validator signs, from the domain's {@link VoteSignBytes}: the precommit
 * signatures of a {@link org.timecoin.domain.block.CommitCertificate} verify on their own, and the
 * distinct tags keep a proposal signature from ever passing as a vote signature.
 */
public final class MessageSigning {
  private MessageSigning() {}

  /** Bytes signed for ⟨type, height, round, value⟩ (value null = nil). */
  public static byte[] voteSignBytes(
      Hash32 chainId, VoteType type, long height, int round, Hash32 value) {
    return VoteSignBytes.of(chainId, type, height, round, value);
  }

  public static byte[] voteSignBytes(Hash32 chainId, Vote v) {
    return voteSignBytes(chainId, v.type(), v.height(), v.round(), v.value());
  }

  /** Bytes signed for ⟨PROPOSAL, height, round, value, validRound⟩. */
  public static byte[] proposalSignBytes(
      Hash32 chainId, long height, int round, Hash32 value, int validRound) {
    return VoteSignBytes.proposal(chainId, height, round, validRound, value);
  }

  public static byte[] proposalSignBytes(Hash32 chainId, Proposal p) {
    return proposalSignBytes(chainId, p.height(), p.round(), p.value(), p.validRound());
  }
}
