package org.timecoin.consensus;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.ValidatorSet;

/**
 * Everything that can happen to a consensus instance. Each input is a plain record so that it can
 * be written to the WAL and replayed: the same inputs in the same order always give the same state
 * and effects.
 */
public sealed interface Input {

  /**
   * Starts height {@code height} with its validator set (line 10, and lines 52-54 once the previous
   * height is applied). The runtime sends it at start-up and after it has stored the block of each
   * {@link Effect.Decide}, no earlier than {@code block_interval} after the previous block.
   */
  record StartHeight(long height, ValidatorSet validators) implements Input {
    public StartHeight {
      Objects.requireNonNull(validators, "validators");
      if (height < 0) {
        throw new IllegalArgumentException("negative height " + height);
      }
    }
  }

  /** A proposal from the network, or our own one fed back after signing. */
  record ProposalReceived(Proposal proposal) implements Input {
    public ProposalReceived {
      Objects.requireNonNull(proposal, "proposal");
    }
  }

  /** A vote from the network, or our own one fed back after signing. */
  record VoteReceived(Vote vote) implements Input {
    public VoteReceived {
      Objects.requireNonNull(vote, "vote");
    }
  }

  /** A timeout scheduled by {@link Effect.ScheduleTimeout} expired (lines 57-67). */
  record TimeoutElapsed(TimeoutKind kind, long height, int round) implements Input {
    public TimeoutElapsed {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * The answer to {@link Effect.ValidateBlock}: the result of {@code valid(v)} for the block with
   * hash {@code value} at {@code height}.
   */
  record BlockValidated(long height, Hash32 value, boolean valid) implements Input {
    public BlockValidated {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The answer to {@link Effect.RequestValue}: {@code getValue()} of line 18, the hash of a block
   * that the local block producer built for (height, round). The core trusts its own producer, so
   * this value counts as valid.
   */
  record ValueToPropose(long height, int round, Hash32 value) implements Input {
    public ValueToPropose {
      Objects.requireNonNull(value, "value");
    }
  }
}
