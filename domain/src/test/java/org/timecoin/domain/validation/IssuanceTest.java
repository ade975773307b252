package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.domain.genesis.ConsensusParams;

class IssuanceTest {
  static final ConsensusParams DEFAULTS = ConsensusParams.defaults();
  static final long T0 = 1_700_000_000_000L;

  static ConsensusParams params(long perPeriod, long periodMs) {
    long[] v = DEFAULTS.values();
    v[0] = perPeriod;
    v[1] = periodMs;
    return ConsensusParams.of(v);
  }

  static long exact(long perPeriod, long elapsed, long period) {
    return BigInteger.valueOf(perPeriod)
        .multiply(BigInteger.valueOf(Math.min(elapsed, period)))
        .divide(BigInteger.valueOf(period))
        .longValueExact();
  }

  @Test
  void aBlockIsPaidForTheChainTimeSinceItsParent() {
    // 100 TIME per 10 minutes: a 1 s block mints 10^10 / 600 = 16,666,666.67 units, floored.
    assertThat(Issuance.reward(DEFAULTS, T0, T0 + 1_000)).isEqualTo(16_666_666);
    assertThat(Issuance.reward(DEFAULTS, T0, T0 + 1)).isEqualTo(16_666);
    assertThat(Issuance.reward(DEFAULTS, T0, T0 + 600_000)).isEqualTo(10_000_000_000L);
    assertThat(Issuance.reward(DEFAULTS, T0, T0 + 300_000)).isEqualTo(5_000_000_000L);
  }

  @Test
  void aBlockAfterAHaltIsPaidOnePeriodAtMost() {
    assertThat(Issuance.reward(DEFAULTS, T0, T0 + 3_600_000)).isEqualTo(10_000_000_000L);
    assertThat(Issuance.reward(DEFAULTS, 0, Long.MAX_VALUE)).isEqualTo(10_000_000_000L);
  }

  @Test
  void aTimestampNotAfterTheParentsEarnsNothing() {
    assertThat(Issuance.reward(DEFAULTS, T0, T0)).isZero();
    assertThat(Issuance.reward(DEFAULTS, T0, T0 - 5)).isZero();
    assertThat(Issuance.reward(DEFAULTS, T0, Long.MIN_VALUE)).isZero();
  }

  @Test
  void overflowingDifferencesCountAsMoreThanAPeriod() {
    assertThat(Issuance.paidMillis(Long.MIN_VALUE, Long.MAX_VALUE, 600_000)).isEqualTo(600_000);
    assertThat(Issuance.paidMillis(-10, 10, 600_000)).isEqualTo(20);
  }

  @Test
  void theProductIsExactBeyond64Bits() {
    long perPeriod = Long.MAX_VALUE;
    long period = Long.MAX_VALUE - 1;
    ConsensusParams p = params(perPeriod, period);
    long elapsed = period - 3;
    assertThat(Issuance.reward(p, 0, elapsed)).isEqualTo(exact(perPeriod, elapsed, period));
    assertThat(Issuance.reward(p, 0, period)).isEqualTo(perPeriod);
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void overManyBlocksTheSumIsTheRateTimesTheElapsedTimeWithinAUnitPerBlock(long seed) {
    Random random = new Random(seed);
    long perPeriod = seed % 2 == 0 ? DEFAULTS.issuancePerPeriod() : random.nextLong(1, 1L << 62);
    long period = seed % 2 == 0 ? DEFAULTS.issuancePeriodMs() : random.nextLong(1, 1L << 40);
    ConsensusParams p = params(perPeriod, period);
    int blocks = 5_000;
    long start = T0;
    long parent = start;
    BigInteger minted = BigInteger.ZERO;
    for (int i = 0; i < blocks; i++) {
      long gap = random.nextInt(4) == 0 ? period : random.nextLong(1, period + 1);
      long ts = parent + gap;
      long reward = Issuance.reward(p, parent, ts);
      assertThat(reward).isEqualTo(exact(perPeriod, gap, period));
      minted = minted.add(BigInteger.valueOf(reward));
      parent = ts;
    }
    BigInteger ideal =
        BigInteger.valueOf(perPeriod)
            .multiply(BigInteger.valueOf(parent - start))
            .divide(BigInteger.valueOf(period));
    assertThat(minted).isLessThanOrEqualTo(ideal);
    assertThat(ideal.subtract(minted)).isLessThanOrEqualTo(BigInteger.valueOf(blocks));
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void neverMoreThanOnePeriodsIssuanceAndMonotoneInTheGap(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      long perPeriod = random.nextLong(0, Long.MAX_VALUE);
      long period =
          random.nextBoolean() ? random.nextLong(1, 1_000_000) : random.nextLong(1, Long.MAX_VALUE);
      ConsensusParams p = params(perPeriod, period);
      long parent = random.nextLong(0, 1L << 50);
      long a = random.nextLong(0, 2 * Math.min(period, 1L << 50) + 2);
      long b = random.nextLong(0, 2 * Math.min(period, 1L << 50) + 2);
      long ra = Issuance.reward(p, parent, parent + Math.min(a, b));
      long rb = Issuance.reward(p, parent, parent + Math.max(a, b));
      assertThat(ra).isBetween(0L, perPeriod);
      assertThat(rb).isBetween(ra, perPeriod);
    }
  }

  @Test
  void pullingOneTimestampAheadOnlyMovesIssuanceBetweenBlocks() {
    // Blocks at 0, 1 s, 2 s; a proposer stamps the middle one 9 s late (within the drift): the two
    // blocks together mint what they would have, give or take the floors.
    long honest =
        Issuance.reward(DEFAULTS, T0, T0 + 1_000)
            + Issuance.reward(DEFAULTS, T0 + 1_000, T0 + 20_000);
    long pulled =
        Issuance.reward(DEFAULTS, T0, T0 + 10_000)
            + Issuance.reward(DEFAULTS, T0 + 10_000, T0 + 20_000);
    assertThat(Math.abs(pulled - honest)).isLessThanOrEqualTo(1);
  }
}
