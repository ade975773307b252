package org.timecoin.consensus;

/**
 * Why the core refused a proposal or vote. Each of these is the sender's fault (or a forged
 * message), so the runtime may penalise the peer that relayed it.
 */
public enum RejectReason {
  /** The signer is not in the validator set of the message's height. */
  NOT_A_VALIDATOR,
  /** A proposal signed by someone other than proposer(height, round). */
  WRONG_PROPOSER,
  /** A proposal whose validRound is not in [-1, round). */
  INVALID_VALID_ROUND,
  /** Negative height or round. */
  MALFORMED,
  /** The signature does not verify (reported by {@link ConsensusEngine}, not the pure core). */
  BAD_SIGNATURE
}
