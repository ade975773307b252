package org.timecoin.consensus;

import java.time.Duration;
import java.util.Objects;

/**
 * Consensus tuning: the three base timeouts, the increase per round and the cap ({@code timeoutX(r)
 * = min(baseX + r * delta, maxRoundTimeout)}, DESIGN.md §4: never an uncapped exponential), plus
 * how far ahead of our round a vote may be before it is refused.
 */
public record ConsensusParams(
    Duration timeoutPropose,
    Duration timeoutPrevote,
    Duration timeoutPrecommit,
    Duration timeoutDelta,
    Duration maxRoundTimeout,
    int maxRoundsAhead) {

  /** 1 s each + 0.5 s per round, capped at 30 s; votes up to 1,000 rounds ahead are kept. */
  public static final ConsensusParams DEFAULT =
      new ConsensusParams(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          1_000);

  public ConsensusParams {
    for (Duration d :
        new Duration[] {
          timeoutPropose, timeoutPrevote, timeoutPrecommit, timeoutDelta, maxRoundTimeout
        }) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative timeout " + d);
      }
    }
    if (maxRoundsAhead < 1) {
      throw new IllegalArgumentException("maxRoundsAhead must be >= 1");
    }
  }

  /** The timeouts of a genesis file, with the default look-ahead of {@link #DEFAULT}. */
  public static ConsensusParams fromGenesis(org.timecoin.domain.genesis.ConsensusParams genesis) {
    return new ConsensusParams(
        Duration.ofMillis(genesis.timeoutProposeMs()),
        Duration.ofMillis(genesis.timeoutPrevoteMs()),
        Duration.ofMillis(genesis.timeoutPrecommitMs()),
        Duration.ofMillis(genesis.timeoutDeltaMs()),
        Duration.ofMillis(genesis.maxRoundTimeoutMs()),
        DEFAULT.maxRoundsAhead());
  }

  /** The timeout of {@code kind} in {@code round}: linear in the round, never above the cap. */
  public Duration timeout(TimeoutKind kind, int round) {
    Duration base =
        switch (kind) {
          case PROPOSE -> timeoutPropose;
          case PREVOTE -> timeoutPrevote;
          case PRECOMMIT -> timeoutPrecommit;
        };
    if (base.compareTo(maxRoundTimeout) >= 0) {
      return maxRoundTimeout;
    }
    // Compare in nanos without overflow: rounds past the cap all get the cap.
    long headroom = maxRoundTimeout.minus(base).toNanos();
    long delta = timeoutDelta.toNanos();
    if (delta == 0) {
      return base;
    }
    if (Math.max(round, 0) > headroom / delta) {
      return maxRoundTimeout;
    }
    return base.plusNanos(delta * Math.max(round, 0));
  }
}
