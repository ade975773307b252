package org.timecoin.consensus;

import org.timecoin.common.Hash32;

/**
 * A vote threshold that a single added vote made true for the first time, as reported by {@link
 * VoteKeeper#add}. "Polka" is more than 2/3 of the power prevoting; "any" counts votes for every
 * value and nil together.
 */
public sealed interface Threshold {
  int round();

  /** 2f+1 ⟨PREVOTE, h, round, id(value)⟩: lines 28, 36. */
  record PolkaValue(int round, Hash32 value) implements Threshold {}

  /** 2f+1 ⟨PREVOTE, h, round, nil⟩: line 44. */
  record PolkaNil(int round) implements Threshold {}

  /** 2f+1 ⟨PREVOTE, h, round, ∗⟩: line 34. */
  record PolkaAny(int round) implements Threshold {}

  /** 2f+1 ⟨PRECOMMIT, h, round, ∗⟩: line 47. */
  record PrecommitAny(int round) implements Threshold {}

  /** 2f+1 ⟨PRECOMMIT, h, round, id(value)⟩: line 49. */
  record PrecommitValue(int round, Hash32 value) implements Threshold {}

  /** f+1 distinct validators voted in {@code round} (any type): lines 55-56. */
  record SkipRound(int round) implements Threshold {}
}
