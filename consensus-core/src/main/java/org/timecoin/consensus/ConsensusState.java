package org.timecoin.consensus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The state of one node's consensus instance: the variables of Algorithm 1 (lines 1-9: h_p,
 * round_p, step_p, lockedValue_p, lockedRound_p, validValue_p, validRound_p, decision_p), the
 * message log of the current height (votes in a {@link VoteKeeper}, proposals per round), the known
 * validity of proposed blocks, and inputs buffered for the next height.
 *
 * <p>Immutable: {@link ConsensusCore#apply} returns a new state and never changes an old one, so a
 * state may be kept, compared or reused freely. Build the first one with {@link #initial}.
 */
public final class ConsensusState {
  /**
   * At most this many distinct proposals are kept per round (a Byzantine proposer may send many).
   */
  static final int MAX_PROPOSALS_PER_ROUND = 4;

  /**
   * At most this many proposals and votes for the next height are buffered in all; each signer has
   * a smaller share (see {@link NextHeightBuffer}).
   */
  static final int MAX_BUFFERED = 10_000;

  final ConsensusParams params;
  final PublicKey self;
  final long height;
  final int round;
  final Step step;
  final Hash32 lockedValue;
  final int lockedRound;
  final Hash32 validValue;
  final int validRound;
  final Hash32 decision;
  final int decisionRound;
  final ValidatorSet validators;
  final ProposerSelector proposers;
  final VoteKeeper votes;
  final Map<Integer, List<Proposal>> proposals;
  final Map<Hash32, Boolean> validity;
  final Set<Hash32> validationRequested;
  final RoundFlags flags;
  final List<Input> nextHeight;

  ConsensusState(
      ConsensusParams params,
      PublicKey self,
      long height,
      int round,
      Step step,
      Hash32 lockedValue,
      int lockedRound,
      Hash32 validValue,
      int validRound,
      Hash32 decision,
      int decisionRound,
      ValidatorSet validators,
      ProposerSelector proposers,
      VoteKeeper votes,
      Map<Integer, List<Proposal>> proposals,
      Map<Hash32, Boolean> validity,
      Set<Hash32> validationRequested,
      RoundFlags flags,
      List<Input> nextHeight) {
    this.params = params;
    this.self = self;
    this.height = height;
    this.round = round;
    this.step = step;
    this.lockedValue = lockedValue;
    this.lockedRound = lockedRound;
    this.validValue = validValue;
    this.validRound = validRound;
    this.decision = decision;
    this.decisionRound = decisionRound;
    this.validators = validators;
    this.proposers = proposers;
    this.votes = votes;
    this.proposals = proposals;
    this.validity = validity;
    this.validationRequested = validationRequested;
    this.flags = flags;
    this.nextHeight = nextHeight;
  }

  /**
   * A node that has not started any height yet. {@code self} is this node's validator key, or null
   * for a node that only follows consensus (it never signs). Send {@link Input.StartHeight} next.
   */
  public static ConsensusState initial(ConsensusParams params, PublicKey self) {
    return new ConsensusState(
        params,
        self,
        0,
        0,
        Step.NEW_HEIGHT,
        null,
        -1,
        null,
        -1,
        null,
        -1,
        null,
        null,
        null,
        Map.of(),
        Map.of(),
        Set.of(),
        RoundFlags.FRESH,
        List.of());
  }

  public ConsensusParams params() {
    return params;
  }

  /** This node's validator key, empty for a follower. */
  public Optional<PublicKey> self() {
    return Optional.ofNullable(self);
  }

  /** h_p: the height being decided (or just decided, in {@link Step#COMMIT}). */
  public long height() {
    return height;
  }

  /** round_p. */
  public int round() {
    return round;
  }

  /** step_p. */
  public Step step() {
    return step;
  }

  /** lockedValue_p, empty for nil. */
  public Optional<Hash32> lockedValue() {
    return Optional.ofNullable(lockedValue);
  }

  /** lockedRound_p, -1 if not locked. */
  public int lockedRound() {
    return lockedRound;
  }

  /** validValue_p, empty for nil. */
  public Optional<Hash32> validValue() {
    return Optional.ofNullable(validValue);
  }

  /** validRound_p, -1 if none. */
  public int validRound() {
    return validRound;
  }

  /** decision_p[h_p]: the value decided at this height, if any. */
  public Optional<Hash32> decision() {
    return Optional.ofNullable(decision);
  }

  /** The round of {@link #decision()}, -1 if none. */
  public int decisionRound() {
    return decisionRound;
  }

  /** The voting validators of this height; null before the first {@link Input.StartHeight}. */
  public ValidatorSet validators() {
    return validators;
  }

  /** The votes of this height; null before the first {@link Input.StartHeight}. */
  public VoteKeeper votes() {
    return votes;
  }

  /** proposer(h_p, round). Only valid once a height has started. */
  public PublicKey proposer(int round) {
    return proposers.proposer(round);
  }

  /** True if this node signs (it has a key and it is in the validator set of this height). */
  public boolean isValidator() {
    return self != null && validators != null && validators.contains(self);
  }

  /** The proposals kept for {@code round}, first received first. */
  public List<Proposal> proposals(int round) {
    return proposals.getOrDefault(round, List.of());
  }

  /** The result of valid(v) for the block with hash {@code value}, empty if not known yet. */
  public Optional<Boolean> validity(Hash32 value) {
    return Optional.ofNullable(validity.get(value));
  }

  /** Equivocation evidence found at this height. */
  public List<EquivocationEvidence> evidence() {
    return votes == null ? List.of() : votes.evidence();
  }

  /** Proposals and votes of the next height, kept until it starts. */
  public List<Input> bufferedForNextHeight() {
    return nextHeight;
  }

  @Override
  public String toString() {
    return "ConsensusState[h="
        + height
        + " r="
        + round
        + " "
        + step
        + " locked="
        + lockedRound
        + " valid="
        + validRound
        + (decision == null ? "" : " decided=" + decision.toHex().substring(0, 8))
        + "]";
  }
}
