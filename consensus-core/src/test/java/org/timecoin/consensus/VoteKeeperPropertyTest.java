package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.VoteType;

/**
 * Over random weighted sets and random vote streams (with duplicates and equivocation): every
 * threshold is reported exactly once, by the vote that makes the matching query true.
 */
class VoteKeeperPropertyTest {
  static final Hash32[] VALUES = {Fixture.value("A"), Fixture.value("B"), null};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void thresholdsMatchQueriesAndFireOnce(long seed) {
    Random rnd = new Random(seed);
    long[] powers = new long[1 + rnd.nextInt(6)];
    for (int i = 0; i < powers.length; i++) {
      powers[i] = 1 + rnd.nextInt(10);
    }
    Fixture f = new Fixture(powers);
    VoteKeeper k = new VoteKeeper(1, f.set);
    Set<Threshold> seen = new HashSet<>();
    for (int step = 0; step < 60; step++) {
      VoteType type = rnd.nextBoolean() ? VoteType.PREVOTE : VoteType.PRECOMMIT;
      Vote v =
          Fixture.vote(
              f.keys.get(rnd.nextInt(f.size())), type, 1, rnd.nextInt(3), VALUES[rnd.nextInt(3)]);
      VoteKeeper.AddResult r = k.add(v);
      for (Threshold t : r.thresholds()) {
        assertThat(seen.add(t)).as("seed %d: %s reported twice", seed, t).isTrue();
      }
      k = r.keeper();
      assertThat(seen).as("seed %d after %s", seed, v).isEqualTo(expected(k));
    }
  }

  private static Set<Threshold> expected(VoteKeeper k) {
    List<Threshold> out = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (Hash32 v : VALUES) {
        if (k.hasQuorumFor(round, VoteType.PREVOTE, v)) {
          out.add(v == null ? new Threshold.PolkaNil(round) : new Threshold.PolkaValue(round, v));
        }
        if (v != null && k.hasQuorumFor(round, VoteType.PRECOMMIT, v)) {
          out.add(new Threshold.PrecommitValue(round, v));
        }
      }
      if (k.hasQuorumAny(round, VoteType.PREVOTE)) {
        out.add(new Threshold.PolkaAny(round));
      }
      if (k.hasQuorumAny(round, VoteType.PRECOMMIT)) {
        out.add(new Threshold.PrecommitAny(round));
      }
      if (k.hasSkipThreshold(round)) {
        out.add(new Threshold.SkipRound(round));
      }
    }
    return new HashSet<>(out);
  }
}
