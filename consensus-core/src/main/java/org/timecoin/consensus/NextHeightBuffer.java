package org.timecoin.consensus;

import java.util.List;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Which proposals and votes of height h_p + 1 the core keeps until that height starts (they are
 * replayed at line 10/54 of the next height). Bounded in total and per signer, in count and in
 * bytes, so one Byzantine validator cannot take the buffer from the honest ones: each signer gets
 * {@value #MAX_PER_SIGNER} messages and {@value #MAX_BYTES_PER_SIGNER} bytes, enough for a proposal
 * and both votes in each of the first rounds of the next height, which is all an honest validator
 * sends while we finish the current one. Exact duplicates are not kept twice, and rounds beyond
 * {@link ConsensusParams#maxRoundsAhead()} (counted from round 0) are not kept at all. Pure.
 */
final class NextHeightBuffer {
  /** Buffered messages of one signer, at most. */
  static final int MAX_PER_SIGNER = 96;

  /** Buffered bytes of one signer (as encoded on the wire), at most. */
  static final int MAX_BYTES_PER_SIGNER = 12 * 1024;

  /** Encoded size of a proposal: height, round, value, validRound, key, signature. */
  static final int PROPOSAL_BYTES = 8 + 4 + 32 + 4 + 32 + Vote.SIGNATURE_SIZE;

  /** Encoded size of a vote: type, height, round, value (with its nil flag), key, signature. */
  static final int VOTE_BYTES = 1 + 8 + 4 + 33 + 32 + Vote.SIGNATURE_SIZE;

  private NextHeightBuffer() {}

  /** True if {@code in} (a message of height h_p + 1) may join {@code held}. */
  static boolean admits(List<Input> held, Input in, ConsensusParams params) {
    if (held.size() >= ConsensusState.MAX_BUFFERED) {
      return false;
    }
    PublicKey signer = signer(in);
    int round = round(in);
    if (signer == null || round < 0 || round > params.maxRoundsAhead()) {
      return false;
    }
    int count = 0;
    long bytes = bytes(in);
    for (Input h : held) {
      if (h.equals(in)) {
        return false;
      }
      if (signer.equals(signer(h))) {
        count++;
        bytes += bytes(h);
      }
    }
    return count < MAX_PER_SIGNER && bytes <= MAX_BYTES_PER_SIGNER;
  }

  /** Bytes the buffered messages of {@code signer} take. */
  static long bytesOf(List<Input> held, PublicKey signer) {
    long bytes = 0;
    for (Input h : held) {
      bytes += signer.equals(signer(h)) ? bytes(h) : 0;
    }
    return bytes;
  }

  private static PublicKey signer(Input in) {
    return switch (in) {
      case Input.ProposalReceived p -> p.proposal().proposer();
      case Input.VoteReceived v -> v.vote().validator();
      default -> null;
    };
  }

  private static int round(Input in) {
    return switch (in) {
      case Input.ProposalReceived p -> p.proposal().round();
      case Input.VoteReceived v -> v.vote().round();
      default -> -1;
    };
  }

  private static int bytes(Input in) {
    return in instanceof Input.ProposalReceived ? PROPOSAL_BYTES : VOTE_BYTES;
  }
}
