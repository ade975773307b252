package org.timecoin.consensus.runtime;

import java.time.Duration;
import java.util.Objects;
import org.timecoin.consensus.ConsensusParams;

/**
 * Settings of the consensus runtime: the step timeouts of {@code config.toml [consensus]} (round r
 * waits {@code base + r * delta}, capped at {@code maxRoundTimeout}), the block pacing of {@code
 * [block]}, and the runtime's own limits.
 *
 * @param blockInterval least time between two blocks: the next height starts no earlier
 * @param emptyBlockInterval with no transaction waiting, the next height starts after this long
 * @param networkQueueCapacity most peer proposals and votes waiting for the owner thread; more are
 *     dropped (gossip re-sends them), while timeouts and local results are never dropped
 * @param walGroupCommitInterval how long received inputs may stay in the page cache before an
 *     fsync; own signed messages are always fsynced before they leave
 * @param maxRoundsAhead how far above our round a vote may be before the core refuses it
 */
public record ConsensusConfig(
    Duration timeoutPropose,
    Duration timeoutPrevote,
    Duration timeoutPrecommit,
    Duration timeoutDelta,
    Duration maxRoundTimeout,
    Duration blockInterval,
    Duration emptyBlockInterval,
    int networkQueueCapacity,
    Duration walGroupCommitInterval,
    int maxRoundsAhead) {

  /**
   * 1 s per step + 0.5 s per round up to 30 s; a block at most every 1 s, an empty one every 10
   * min.
   */
  public static final ConsensusConfig DEFAULT =
      new ConsensusConfig(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          10_000,
          Duration.ofMillis(50),
          ConsensusParams.DEFAULT.maxRoundsAhead());

  public ConsensusConfig {
    for (Duration d :
        new Duration[] {
          timeoutPropose,
          timeoutPrevote,
          timeoutPrecommit,
          timeoutDelta,
          maxRoundTimeout,
          blockInterval,
          emptyBlockInterval,
          walGroupCommitInterval
        }) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative duration " + d);
      }
    }
    if (emptyBlockInterval.compareTo(blockInterval) < 0) {
      throw new IllegalArgumentException("emptyBlockInterval must be at least blockInterval");
    }
    if (networkQueueCapacity < 1) {
      throw new IllegalArgumentException("networkQueueCapacity must be >= 1");
    }
  }

  /** The same config with the step timeouts of {@code config.toml [consensus]}. */
  public ConsensusConfig withTimeouts(
      Duration propose, Duration prevote, Duration precommit, Duration delta, Duration max) {
    return new ConsensusConfig(
        propose,
        prevote,
        precommit,
        delta,
        max,
        blockInterval,
        emptyBlockInterval,
        networkQueueCapacity,
        walGroupCommitInterval,
        maxRoundsAhead);
  }

  /** The same config with the block pacing of {@code config.toml [block]}. */
  public ConsensusConfig withBlockIntervals(Duration block, Duration emptyBlock) {
    return new ConsensusConfig(
        timeoutPropose,
        timeoutPrevote,
        timeoutPrecommit,
        timeoutDelta,
        maxRoundTimeout,
        block,
        emptyBlock,
        networkQueueCapacity,
        walGroupCommitInterval,
        maxRoundsAhead);
  }

  /** The part the pure core needs. */
  public ConsensusParams params() {
    return new ConsensusParams(
        timeoutPropose,
        timeoutPrevote,
        timeoutPrecommit,
        timeoutDelta,
        maxRoundTimeout,
        maxRoundsAhead);
  }
}
