package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The votes of one round. Per type: each validator's votes (the first one, then any conflicting
 * ones), the power behind each value (null key = nil) and the power of all voters. A validator adds
 * its power to each distinct value it voted for, but only once to the totals and to the voters of
 * the round. Adding returns a copy, so older states that share it never change.
 */
final class RoundVotes {
  static final RoundVotes EMPTY =
      new RoundVotes(
          new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), 0, 0, Set.of(), 0);

  private final Map<PublicKey, List<Vote>> prevotes;
  private final Map<PublicKey, List<Vote>> precommits;
  private final Map<Hash32, Long> prevotePower;
  private final Map<Hash32, Long> precommitPower;
  private final long prevoteTotal;
  private final long precommitTotal;
  private final Set<PublicKey> voters;
  private final long voterPower;

  private RoundVotes(
      Map<PublicKey, List<Vote>> prevotes,
      Map<PublicKey, List<Vote>> precommits,
      Map<Hash32, Long> prevotePower,
      Map<Hash32, Long> precommitPower,
      long prevoteTotal,
      long precommitTotal,
      Set<PublicKey> voters,
      long voterPower) {
    this.prevotes = prevotes;
    this.precommits = precommits;
    this.prevotePower = prevotePower;
    this.precommitPower = precommitPower;
    this.prevoteTotal = prevoteTotal;
    this.precommitTotal = precommitTotal;
    this.voters = voters;
    this.voterPower = voterPower;
  }

  /** The votes of {@code v}'s validator for {@code v}'s type, first one first; empty if none. */
  List<Vote> slot(Vote v) {
    return slot(v.type(), v.validator());
  }

  List<Vote> slot(VoteType type, PublicKey validator) {
    return votes(type).getOrDefault(validator, List.of());
  }

  private Map<PublicKey, List<Vote>> votes(VoteType type) {
    return type == VoteType.PREVOTE ? prevotes : precommits;
  }

  /** The vote of {@code validator} for {@code value} (null = nil), or null. */
  Vote voteFor(VoteType type, PublicKey validator, Hash32 value) {
    for (Vote v : slot(type, validator)) {
      if (Objects.equals(v.value(), value)) {
        return v;
      }
    }
    return null;
  }

  /** Power behind {@code value} (null = nil) for {@code type}. */
  long powerFor(VoteType type, Hash32 value) {
    Map<Hash32, Long> m = type == VoteType.PREVOTE ? prevotePower : precommitPower;
    return m.getOrDefault(value, 0L);
  }

  /** Power of the distinct validators that sent a vote of {@code type}. */
  long totalFor(VoteType type) {
    return type == VoteType.PREVOTE ? prevoteTotal : precommitTotal;
  }

  /** Power of the distinct validators that sent any vote in this round. */
  long voterPower() {
    return voterPower;
  }

  /** Values (never nil) with some power for {@code type}. */
  Set<Hash32> values(VoteType type) {
    Set<Hash32> out =
        new HashSet<>((type == VoteType.PREVOTE ? prevotePower : precommitPower).keySet());
    out.remove(null);
    return out;
  }

  /**
   * A copy with {@code v} counted with {@code power}: for its value always, for the totals only if
   * it is the validator's first vote of this type. The caller rules out duplicates.
   */
  RoundVotes with(Vote v, long power) {
    boolean prevote = v.type() == VoteType.PREVOTE;
    Map<PublicKey, List<Vote>> votes = new HashMap<>(votes(v.type()));
    List<Vote> slot = new ArrayList<>(votes.getOrDefault(v.validator(), List.of()));
    boolean first = slot.isEmpty();
    slot.add(v);
    votes.put(v.validator(), List.copyOf(slot));
    Map<Hash32, Long> tally = new HashMap<>(prevote ? prevotePower : precommitPower);
    tally.merge(v.value(), power, Long::sum);
    long added = first ? power : 0;
    Set<PublicKey> newVoters = voters;
    long newVoterPower = voterPower;
    if (!voters.contains(v.validator())) {
      newVoters = new HashSet<>(voters);
      newVoters.add(v.validator());
      newVoterPower += power;
    }
    return prevote
        ? new RoundVotes(
            votes,
            precommits,
            tally,
            precommitPower,
            prevoteTotal + added,
            precommitTotal,
            newVoters,
            newVoterPower)
        : new RoundVotes(
            prevotes,
            votes,
            prevotePower,
            tally,
            prevoteTotal,
            precommitTotal + added,
            newVoters,
            newVoterPower);
  }
}
