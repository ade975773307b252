package org.timecoin.consensus;

import org.timecoin.common.Hash32;

/**
 * Port: checks the signature of a proposal or vote before it reaches the core. A runtime that
 * already verified messages on its validation pool passes {@link #PREVERIFIED}.
 */
public interface MessageVerifier {
  boolean verify(Proposal proposal);

  boolean verify(Vote vote);

  /** Accepts everything: for callers that verified the signatures themselves. */
  MessageVerifier PREVERIFIED =
      new MessageVerifier() {
        @Override
        public boolean verify(Proposal proposal) {
          return true;
        }

        @Override
        public boolean verify(Vote vote) {
          return true;
        }
      };

  /** Ed25519 verification of the bytes of {@link MessageSigning} for {@code chainId}. */
  static MessageVerifier ed25519(Hash32 chainId) {
    return new MessageVerifier() {
      @Override
      public boolean verify(Proposal p) {
        return p.proposer().verify(MessageSigning.proposalSignBytes(chainId, p), p.signature());
      }

      @Override
      public boolean verify(Vote v) {
        return v.validator().verify(MessageSigning.voteSignBytes(chainId, v), v.signature());
      }
    };
  }
}
