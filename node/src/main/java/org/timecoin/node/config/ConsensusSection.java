package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;

import java.time.Duration;

/**
 * {@code [consensus]}: Tendermint step timeouts. Round r waits {@code base + r * delta}, capped at
 * {@code max_round_timeout} so a long outage never leads to hour-long rounds.
 */
public record ConsensusSection(
    Duration timeoutPropose,
    Duration timeoutPrevote,
    Duration timeoutPrecommit,
    Duration timeoutDelta,
    Duration maxRoundTimeout) {

  private static final long MAX_MS = 3_600_000;

  public static ConsensusSection defaults() {
    return new ConsensusSection(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofMillis(500),
        Duration.ofSeconds(30));
  }

  static ConsensusSection read(TomlTable t) {
    ConsensusSection d = defaults();
    ConsensusSection s =
        new ConsensusSection(
            t.millis("timeout_propose_ms", d.timeoutPropose, 1, MAX_MS),
            t.millis("timeout_prevote_ms", d.timeoutPrevote, 1, MAX_MS),
            t.millis("timeout_precommit_ms", d.timeoutPrecommit, 1, MAX_MS),
            t.millis("timeout_delta_ms", d.timeoutDelta, 0, MAX_MS),
            t.millis("max_round_timeout_ms", d.maxRoundTimeout, 1, MAX_MS));
    t.rejectUnknownKeys();
    Duration largestBase = max(s.timeoutPropose, max(s.timeoutPrevote, s.timeoutPrecommit));
    if (s.maxRoundTimeout.compareTo(largestBase) < 0) {
      throw t.invalid(
          "max_round_timeout_ms",
          "must be at least the largest step timeout (" + largestBase.toMillis() + ")");
    }
    return s;
  }

  /** The timeout of a step at {@code round}: base + round * delta, capped. */
  public Duration forRound(Duration base, int round) {
    Duration d = base.plus(timeoutDelta.multipliedBy(Math.max(0, round)));
    return d.compareTo(maxRoundTimeout) > 0 ? maxRoundTimeout : d;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  void writeTo(TomlTemplate w) {
    w.section("consensus", "Tendermint timeouts, in milliseconds: round r waits base + r * delta.")
        .key("timeout_propose_ms", ms(timeoutPropose), "Wait for the round's proposal")
        .key("timeout_prevote_ms", ms(timeoutPrevote), "Wait for more prevotes after 2/3 of any")
        .key(
            "timeout_precommit_ms",
            ms(timeoutPrecommit),
            "Wait for more precommits after 2/3 of any")
        .key("timeout_delta_ms", ms(timeoutDelta), "Added per round")
        .key("max_round_timeout_ms", ms(maxRoundTimeout), "Cap on any step timeout");
  }
}
