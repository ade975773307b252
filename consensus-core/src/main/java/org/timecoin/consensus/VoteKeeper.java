package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The one vote store of a height, keyed by (round, type, validator) and weighted by voting power.
 *
 * <p>The first vote of a validator for a (round, type) is counted; the same vote again is a
 * duplicate and ignored; a different signed vote for the same slot is equivocation: it is not
 * counted, and {@link EquivocationEvidence} (first vote, conflicting vote) is stored and reported
 * once per slot. Votes must already be checked for height, membership and signature. Immutable:
 * {@link #add} returns a new keeper.
 */
public final class VoteKeeper {
  /** What {@link #add} did with a vote. */
  public enum Outcome {
    ADDED,
    DUPLICATE,
    EQUIVOCATION,
    NOT_A_VALIDATOR
  }

  /**
   * The result of {@link #add}: the new keeper, what happened, the thresholds first reached by the
   * vote, and new evidence if this vote is the first conflict in its slot.
   */
  public record AddResult(
      VoteKeeper keeper,
      Outcome outcome,
      List<Threshold> thresholds,
      Optional<EquivocationEvidence> evidence) {}

  private record Slot(int round, VoteType type, PublicKey validator) {}

  private final long height;
  private final ValidatorSet validators;
  private final Map<Integer, RoundVotes> rounds;
  private final List<EquivocationEvidence> evidence;
  private final Set<Slot> evidenced;

  public VoteKeeper(long height, ValidatorSet validators) {
    this(height, validators, Map.of(), List.of(), Set.of());
  }

  private VoteKeeper(
      long height,
      ValidatorSet validators,
      Map<Integer, RoundVotes> rounds,
      List<EquivocationEvidence> evidence,
      Set<Slot> evidenced) {
    this.height = height;
    this.validators = validators;
    this.rounds = rounds;
    this.evidence = evidence;
    this.evidenced = evidenced;
  }

  public long height() {
    return height;
  }

  public ValidatorSet validators() {
    return validators;
  }

  /** Counts {@code vote} (of this keeper's height) unless it is a duplicate or a conflict. */
  public AddResult add(Vote vote) {
    if (vote.height() != height) {
      throw new IllegalArgumentException("vote for height " + vote.height() + " in " + height);
    }
    long power = powerOf(vote.validator());
    if (power == 0) {
      return new AddResult(this, Outcome.NOT_A_VALIDATOR, List.of(), Optional.empty());
    }
    RoundVotes before = round(vote.round());
    Vote existing = before.existing(vote);
    if (existing != null) {
      if (Objects.equals(existing.value(), vote.value())) {
        return new AddResult(this, Outcome.DUPLICATE, List.of(), Optional.empty());
      }
      Slot slot = new Slot(vote.round(), vote.type(), vote.validator());
      if (evidenced.contains(slot)) {
        return new AddResult(this, Outcome.EQUIVOCATION, List.of(), Optional.empty());
      }
      EquivocationEvidence found = new EquivocationEvidence(existing, vote);
      List<EquivocationEvidence> ev = new ArrayList<>(evidence);
      ev.add(found);
      Set<Slot> done = new HashSet<>(evidenced);
      done.add(slot);
      VoteKeeper next =
          new VoteKeeper(height, validators, rounds, List.copyOf(ev), Set.copyOf(done));
      return new AddResult(next, Outcome.EQUIVOCATION, List.of(), Optional.of(found));
    }
    RoundVotes after = before.with(vote, power);
    Map<Integer, RoundVotes> nextRounds = new HashMap<>(rounds);
    nextRounds.put(vote.round(), after);
    VoteKeeper next = new VoteKeeper(height, validators, nextRounds, evidence, evidenced);
    return new AddResult(next, Outcome.ADDED, crossed(vote, before, after), Optional.empty());
  }

  private List<Threshold> crossed(Vote v, RoundVotes before, RoundVotes after) {
    List<Threshold> out = new ArrayList<>(3);
    int r = v.round();
    boolean valueBefore = validators.hasQuorum(before.powerFor(v.type(), v.value()));
    boolean valueAfter = validators.hasQuorum(after.powerFor(v.type(), v.value()));
    boolean anyBefore = validators.hasQuorum(before.totalFor(v.type()));
    boolean anyAfter = validators.hasQuorum(after.totalFor(v.type()));
    if (v.type() == VoteType.PREVOTE) {
      if (!valueBefore && valueAfter) {
        out.add(v.isNil() ? new Threshold.PolkaNil(r) : new Threshold.PolkaValue(r, v.value()));
      }
      if (!anyBefore && anyAfter) {
        out.add(new Threshold.PolkaAny(r));
      }
    } else {
      if (!valueBefore && valueAfter && !v.isNil()) {
        out.add(new Threshold.PrecommitValue(r, v.value()));
      }
      if (!anyBefore && anyAfter) {
        out.add(new Threshold.PrecommitAny(r));
      }
    }
    if (!validators.hasOneThirdPlus(before.voterPower())
        && validators.hasOneThirdPlus(after.voterPower())) {
      out.add(new Threshold.SkipRound(r));
    }
    return out;
  }

  private long powerOf(PublicKey key) {
    return validators.get(key).map(Validator::votingPower).orElse(0L);
  }

  private RoundVotes round(int round) {
    return rounds.getOrDefault(round, RoundVotes.EMPTY);
  }

  /**
   * Power of the validators that voted {@code value} (null = nil) as {@code type} in {@code round}.
   */
  public long powerFor(int round, VoteType type, Hash32 value) {
    return round(round).powerFor(type, value);
  }

  /** True if more than 2/3 of the power voted {@code value} (null = nil). */
  public boolean hasQuorumFor(int round, VoteType type, Hash32 value) {
    return validators.hasQuorum(powerFor(round, type, value));
  }

  /** True if more than 2/3 of the power voted {@code type} in {@code round}, for anything. */
  public boolean hasQuorumAny(int round, VoteType type) {
    return validators.hasQuorum(round(round).totalFor(type));
  }

  /**
   * The block hash (never nil) that more than 2/3 voted as {@code type} in {@code round}, if any.
   */
  public Optional<Hash32> quorumValue(int round, VoteType type) {
    RoundVotes rv = round(round);
    for (Hash32 v : rv.values(type)) {
      if (validators.hasQuorum(rv.powerFor(type, v))) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** True if validators with more than 1/3 of the power voted in {@code round} (line 55). */
  public boolean hasSkipThreshold(int round) {
    return validators.hasOneThirdPlus(round(round).voterPower());
  }

  /** The highest round above {@code current} with an f+1 skip threshold, or -1. */
  public int highestSkipRoundAbove(int current) {
    int best = -1;
    for (Map.Entry<Integer, RoundVotes> e : rounds.entrySet()) {
      if (e.getKey() > current
          && e.getKey() > best
          && validators.hasOneThirdPlus(e.getValue().voterPower())) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** Rounds that have at least one vote, ascending. */
  public List<Integer> rounds() {
    return rounds.keySet().stream().sorted().toList();
  }

  /** The counted votes of (round, type) for {@code value} (null = nil), in validator-set order. */
  public List<Vote> votesFor(int round, VoteType type, Hash32 value) {
    Map<PublicKey, Vote> votes = round(round).votes(type);
    List<Vote> out = new ArrayList<>();
    for (Validator val : validators.validators()) {
      PublicKey key = val.key();
      Vote v = votes.get(key);
      if (v != null && Objects.equals(v.value(), value)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The counted vote of {@code validator} for (round, type), if any. */
  public Optional<Vote> voteOf(int round, VoteType type, PublicKey validator) {
    return Optional.ofNullable(round(round).votes(type).get(validator));
  }

  /**
   * The certificate for {@code value} decided in {@code round}: the precommit signatures for it, in
   * validator-set order.
   */
  public CommitCertificate certificate(int round, Hash32 value) {
    List<CommitSignature> sigs =
        votesFor(round, VoteType.PRECOMMIT, value).stream()
            .map(v -> new CommitSignature(v.validator(), v.signature()))
            .toList();
    return new CommitCertificate(height, round, value, sigs);
  }

  /** All equivocation evidence found at this height, in the order it was found. */
  public List<EquivocationEvidence> evidence() {
    return evidence;
  }
}
