package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The mutable working copy of a {@link ConsensusState} during one {@link ConsensusCore#apply} call,
 * with the effects emitted so far. Collections are copied on first write, so the state it came from
 * is never touched.
 */
final class Draft {
  final ConsensusParams params;
  final PublicKey self;
  long height;
  int round;
  Step step;
  Hash32 lockedValue;
  int lockedRound;
  Hash32 validValue;
  int validRound;
  Hash32 decision;
  int decisionRound;
  ValidatorSet validators;
  ProposerSelector proposers;
  VoteKeeper votes;
  RoundFlags flags;
  final List<Effect> effects = new ArrayList<>();

  private Map<Integer, List<Proposal>> proposals;
  private boolean proposalsCopied;
  private Map<Hash32, Boolean> validity;
  private boolean validityCopied;
  private Set<Hash32> validationRequested;
  private boolean requestedCopied;
  private List<Input> nextHeight;
  private boolean nextHeightCopied;

  Draft(ConsensusState s) {
    params = s.params;
    self = s.self;
    height = s.height;
    round = s.round;
    step = s.step;
    lockedValue = s.lockedValue;
    lockedRound = s.lockedRound;
    validValue = s.validValue;
    validRound = s.validRound;
    decision = s.decision;
    decisionRound = s.decisionRound;
    validators = s.validators;
    proposers = s.proposers;
    votes = s.votes;
    flags = s.flags;
    proposals = s.proposals;
    validity = s.validity;
    validationRequested = s.validationRequested;
    nextHeight = s.nextHeight;
  }

  ConsensusState build() {
    return new ConsensusState(
        params,
        self,
        height,
        round,
        step,
        lockedValue,
        lockedRound,
        validValue,
        validRound,
        decision,
        decisionRound,
        validators,
        proposers,
        votes,
        proposalsCopied ? Map.copyOf(proposals) : proposals,
        validityCopied ? Map.copyOf(validity) : validity,
        requestedCopied ? Set.copyOf(validationRequested) : validationRequested,
        flags,
        nextHeightCopied ? List.copyOf(nextHeight) : nextHeight);
  }

  void emit(Effect e) {
    effects.add(e);
  }

  boolean isValidator() {
    return self != null && validators != null && validators.contains(self);
  }

  boolean isProposer(int r) {
    return isValidator() && proposers.proposer(r).equals(self);
  }

  /** Starts an empty message log and empty validity cache for a new height. */
  void resetHeightLogs() {
    proposals = new HashMap<>();
    proposalsCopied = true;
    validity = new HashMap<>();
    validityCopied = true;
    validationRequested = new HashSet<>();
    requestedCopied = true;
  }

  List<Proposal> proposals(int r) {
    return proposals.getOrDefault(r, List.of());
  }

  void addProposal(Proposal p) {
    if (!proposalsCopied) {
      proposals = new HashMap<>(proposals);
      proposalsCopied = true;
    }
    List<Proposal> list = new ArrayList<>(proposals(p.round()));
    list.add(p);
    proposals.put(p.round(), List.copyOf(list));
  }

  /** valid(v): TRUE, FALSE, or null while unknown. */
  Boolean validity(Hash32 value) {
    return validity.get(value);
  }

  void setValidity(Hash32 value, boolean valid) {
    if (validity.containsKey(value)) {
      return;
    }
    if (!validityCopied) {
      validity = new HashMap<>(validity);
      validityCopied = true;
    }
    validity.put(value, valid);
  }

  /** Asks for valid(v) once per value and height. */
  void requestValidation(int r, Hash32 value) {
    if (validity.containsKey(value) || validationRequested.contains(value)) {
      return;
    }
    if (!requestedCopied) {
      validationRequested = new HashSet<>(validationRequested);
      requestedCopied = true;
    }
    validationRequested.add(value);
    emit(new Effect.ValidateBlock(height, r, value));
  }

  List<Input> nextHeight() {
    return nextHeight;
  }

  /** Keeps a message of height h_p + 1 for later; false if {@link NextHeightBuffer} refuses. */
  boolean buffer(Input in) {
    if (!NextHeightBuffer.admits(nextHeight, in, params)) {
      return false;
    }
    if (!nextHeightCopied) {
      nextHeight = new ArrayList<>(nextHeight);
      nextHeightCopied = true;
    }
    nextHeight.add(in);
    return true;
  }

  /** Empties the buffer and returns what it held. */
  List<Input> drainNextHeight() {
    List<Input> out = nextHeight;
    nextHeight = List.of();
    nextHeightCopied = false;
    return out;
  }
}
