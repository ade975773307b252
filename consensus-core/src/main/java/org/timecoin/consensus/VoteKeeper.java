package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>The same vote twice is a duplicate and ignored. A different signed vote in an occupied slot is
 * equivocation: {@link EquivocationEvidence} (first vote, conflicting vote) is stored and reported
 * once per slot. The conflicting vote still counts for its own value (up to {@value
 * #MAX_VOTES_PER_SLOT} values per slot), never twice for the totals: other nodes may have seen it
 * first and formed a polka with it, and refusing it would keep us from following that polka (line
 * 28), which can stall the height. Safety does not depend on it: a Byzantine validator may show
 * each node a different vote anyway.
 *
 * <p>Votes must already be checked for height, membership and signature. Immutable: {@link #add}
 * returns a new keeper.
 */
public final class VoteKeeper {
  /** Distinct values counted per (round, type, validator); an equivocator's further votes drop. */
  public static final int MAX_VOTES_PER_SLOT = 4;

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
  private final TreeMap<Integer, Hash32> precommitQuorums;
  private final int highestSkipRound;
  private final List<EquivocationEvidence> evidence;
  private final Set<Slot> evidenced;

  public VoteKeeper(long height, ValidatorSet validators) {
    this(height, validators, Map.of(), new TreeMap<>(), -1, List.of(), Set.of());
  }

  private VoteKeeper(
      long height,
      ValidatorSet validators,
      Map<Integer, RoundVotes> rounds,
      TreeMap<Integer, Hash32> precommitQuorums,
      int highestSkipRound,
      List<EquivocationEvidence> evidence,
      Set<Slot> evidenced) {
    this.height = height;
    this.validators = validators;
    this.rounds = rounds;
    this.precommitQuorums = precommitQuorums;
    this.highestSkipRound = highestSkipRound;
    this.evidence = evidence;
    this.evidenced = evidenced;
  }

  public long height() {
    return height;
  }

  public ValidatorSet validators() {
    return validators;
  }

  /** Counts {@code vote} (of this keeper's height) unless it is a duplicate. */
  public AddResult add(Vote vote) {
    if (vote.height() != height) {
      throw new IllegalArgumentException("vote for height " + vote.height() + " in " + height);
    }
    long power = powerOf(vote.validator());
    if (power == 0) {
      return new AddResult(this, Outcome.NOT_A_VALIDATOR, List.of(), Optional.empty());
    }
    RoundVotes before = round(vote.round());
    List<Vote> slot = before.slot(vote);
    for (Vote existing : slot) {
      if (Objects.equals(existing.value(), vote.value())) {
        return new AddResult(this, Outcome.DUPLICATE, List.of(), Optional.empty());
      }
    }
    Optional<EquivocationEvidence> found = Optional.empty();
    List<EquivocationEvidence> ev = evidence;
    Set<Slot> done = evidenced;
    if (!slot.isEmpty()) {
      Slot key = new Slot(vote.round(), vote.type(), vote.validator());
      if (!evidenced.contains(key)) {
        found = Optional.of(new EquivocationEvidence(slot.get(0), vote));
        List<EquivocationEvidence> moreEvidence = new ArrayList<>(evidence);
        moreEvidence.add(found.get());
        ev = List.copyOf(moreEvidence);
        Set<Slot> moreDone = new HashSet<>(evidenced);
        moreDone.add(key);
        done = Set.copyOf(moreDone);
      }
      if (slot.size() >= MAX_VOTES_PER_SLOT) {
        VoteKeeper next =
            new VoteKeeper(
                height, validators, rounds, precommitQuorums, highestSkipRound, ev, done);
        return new AddResult(next, Outcome.EQUIVOCATION, List.of(), found);
      }
    }
    RoundVotes after = before.with(vote, power);
    Map<Integer, RoundVotes> nextRounds = new HashMap<>(rounds);
    nextRounds.put(vote.round(), after);
    List<Threshold> crossed = crossed(vote, before, after);
    TreeMap<Integer, Hash32> quorums = precommitQuorums;
    int skip = highestSkipRound;
    for (Threshold t : crossed) {
      if (t instanceof Threshold.PrecommitValue pv && !quorums.containsKey(pv.round())) {
        quorums = new TreeMap<>(quorums);
        quorums.put(pv.round(), pv.value());
      } else if (t instanceof Threshold.SkipRound sr) {
        skip = Math.max(skip, sr.round());
      }
    }
    VoteKeeper next = new VoteKeeper(height, validators, nextRounds, quorums, skip, ev, done);
    Outcome outcome = slot.isEmpty() ? Outcome.ADDED : Outcome.EQUIVOCATION;
    return new AddResult(next, outcome, crossed, found);
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
    if (type == VoteType.PRECOMMIT) {
      return Optional.ofNullable(precommitQuorums.get(round));
    }
    RoundVotes rv = round(round);
    if (!validators.hasQuorum(rv.totalFor(type))) {
      return Optional.empty(); // a value never has more power than all voters of its type
    }
    for (Hash32 v : rv.values(type)) {
      if (validators.hasQuorum(rv.powerFor(type, v))) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Rounds with more than 2/3 of precommits for one value, ascending, with that value. */
  public Map<Integer, Hash32> precommitQuorums() {
    return java.util.Collections.unmodifiableMap(precommitQuorums);
  }

  /** True if validators with more than 1/3 of the power voted in {@code round} (line 55). */
  public boolean hasSkipThreshold(int round) {
    return validators.hasOneThirdPlus(round(round).voterPower());
  }

  /** The highest round above {@code current} with an f+1 skip threshold, or -1. */
  public int highestSkipRoundAbove(int current) {
    return highestSkipRound > current ? highestSkipRound : -1;
  }

  /** Rounds that have at least one vote, ascending. */
  public List<Integer> rounds() {
    return rounds.keySet().stream().sorted().toList();
  }

  /**
   * The votes of (round, type) for {@code value} (null = nil), one per validator, in validator-set
   * order.
   */
  public List<Vote> votesFor(int round, VoteType type, Hash32 value) {
    RoundVotes rv = round(round);
    List<Vote> out = new ArrayList<>();
    for (Validator val : validators.validators()) {
      Vote v = rv.voteFor(type, val.key(), value);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** True if a vote of the same validator, round, type and value is counted already. */
  public boolean holds(Vote vote) {
    if (vote.height() != height) {
      return false;
    }
    for (Vote existing : round(vote.round()).slot(vote)) {
      if (Objects.equals(existing.value(), vote.value())) {
        return true;
      }
    }
    return false;
  }

  /** The first counted vote of {@code validator} for (round, type), if any. */
  public Optional<Vote> voteOf(int round, VoteType type, PublicKey validator) {
    List<Vote> slot = round(round).slot(type, validator);
    return slot.isEmpty() ? Optional.empty() : Optional.of(slot.get(0));
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
