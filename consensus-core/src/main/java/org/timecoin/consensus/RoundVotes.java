package org.timecoin.consensus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The votes of one round: per type, the first vote of each validator and the power per value (null
 * key = nil); and the validators that voted in the round at all, for the f+1 skip. Adding returns a
 * copy, so older states that share it never change.
 */
final class RoundVotes {
  static final RoundVotes EMPTY =
      new RoundVotes(
          new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), 0, 0, Set.of(), 0);

  private final Map<PublicKey, Vote> prevotes;
  private final Map<PublicKey, Vote> precommits;
  private final Map<Hash32, Long> prevotePower;
  private final Map<Hash32, Long> precommitPower;
  private final long prevoteTotal;
  private final long precommitTotal;
  private final Set<PublicKey> voters;
  private final long voterPower;

  private RoundVotes(
      Map<PublicKey, Vote> prevotes,
      Map<PublicKey, Vote> precommits,
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

  Vote existing(Vote v) {
    return votes(v.type()).get(v.validator());
  }

  Map<PublicKey, Vote> votes(VoteType type) {
    return type == VoteType.PREVOTE ? prevotes : precommits;
  }

  /** Power behind {@code value} (null = nil) for {@code type}. */
  long powerFor(VoteType type, Hash32 value) {
    Map<Hash32, Long> m = type == VoteType.PREVOTE ? prevotePower : precommitPower;
    return m.getOrDefault(value, 0L);
  }

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

  /** A copy with {@code v} (whose slot must be empty) counted with {@code power}. */
  RoundVotes with(Vote v, long power) {
    boolean prevote = v.type() == VoteType.PREVOTE;
    Map<PublicKey, Vote> votes = new HashMap<>(prevote ? prevotes : precommits);
    votes.put(v.validator(), v);
    Map<Hash32, Long> tally = new HashMap<>(prevote ? prevotePower : precommitPower);
    tally.merge(v.value(), power, Long::sum);
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
            prevoteTotal + power,
            precommitTotal,
            newVoters,
            newVoterPower)
        : new RoundVotes(
            prevotes,
            votes,
            prevotePower,
            tally,
            prevoteTotal,
            precommitTotal + power,
            newVoters,
            newVoterPower);
  }
}
