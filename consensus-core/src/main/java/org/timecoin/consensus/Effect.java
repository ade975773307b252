package org.timecoin.consensus;

import java.time.Duration;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.VoteType;

/**
 * What the core asks the outside world to do. The pure core emits unsigned {@link SignProposal} and
 * {@link SignVote}; {@link ConsensusEngine} turns each into a signed {@link BroadcastProposal} or
 * {@link BroadcastVote} after its sign guard and WAL agree, so a runtime that uses the engine never
 * sees the two {@code Sign*} effects.
 */
public sealed interface Effect {

  /** Line 19: sign ⟨PROPOSAL, height, round, value, validRound⟩ and broadcast it. */
  record SignProposal(long height, int round, Hash32 value, int validRound) implements Effect {
    public SignProposal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Lines 24, 26, 30, 32, 40, 45, 59, 63: sign this vote ({@code value} null = nil), broadcast. */
  record SignVote(VoteType type, long height, int round, Hash32 value) implements Effect {
    public SignVote {
      Objects.requireNonNull(type, "type");
    }
  }

  /** Our own signed proposal, ready for gossip (emitted by {@link ConsensusEngine}). */
  record BroadcastProposal(Proposal proposal) implements Effect {}

  /** Our own signed vote, ready for gossip (emitted by {@link ConsensusEngine}). */
  record BroadcastVote(Vote vote) implements Effect {}

  /**
   * Lines 21, 35, 48: post {@link Input.TimeoutElapsed}(kind, height, round) after {@code
   * duration}. Durations come from {@link ConsensusParams#timeout(TimeoutKind, int)}.
   */
  record ScheduleTimeout(TimeoutKind kind, long height, int round, Duration duration)
      implements Effect {}

  /**
   * Evaluate {@code valid(v)} for the block with hash {@code value} that came with a proposal for
   * (height, round), then answer with {@link Input.BlockValidated}. Asked once per value.
   */
  record ValidateBlock(long height, int round, Hash32 value) implements Effect {}

  /**
   * Line 18, {@code getValue()}: ask the block producer, answer with {@link Input.ValueToPropose}.
   */
  record RequestValue(long height, int round) implements Effect {}

  /**
   * Lines 49-51: the block with hash {@code value} is final at {@code height}, with the precommits
   * of more than 2/3 of the voting power of {@code round} as its certificate. The core then waits
   * in {@link Step#COMMIT} for {@link Input.StartHeight} of the next height.
   */
  record Decide(long height, int round, Hash32 value, CommitCertificate certificate)
      implements Effect {}

  /** The round changed within a height (the view change): lines 55-56 or 65-67. */
  record RoundChanged(long height, int oldRound, int newRound, RoundChangeCause cause)
      implements Effect {}

  /** A validator signed two conflicting votes; emitted once per offence. */
  record EvidenceFound(EquivocationEvidence evidence) implements Effect {}

  /** A proposal or vote was refused for a reason that is the sender's fault. */
  record Rejected(Input input, RejectReason reason) implements Effect {}
}
