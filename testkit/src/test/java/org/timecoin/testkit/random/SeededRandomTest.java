package org.timecoin.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeededRandomTest {
  @Test
  void namedStreamsAreReproducibleAndIndependent() {
    SeededRandom a = SeededRandom.of(99);
    SeededRandom b = SeededRandom.of(99);
    assertThat(a.stream("net").nextLong()).isEqualTo(b.stream("net").nextLong());
    assertThat(a.stream("net").nextLong()).isNotEqualTo(a.stream("nodes").nextLong());
    assertThat(SeededRandom.of(100).stream("net").nextLong())
        .isNotEqualTo(a.stream("net").nextLong());
  }

  @Test
  void seedsAreStableAndDistinct() {
    assertThat(SeededRandom.seeds(1, 1000).distinct().count()).isEqualTo(1000);
    assertThat(SeededRandom.seeds(1, 5).toArray()).isEqualTo(SeededRandom.seeds(1, 5).toArray());
  }

  @Test
  void aFailureNamesItsSeed() {
    assertThatThrownBy(
            () ->
                SeededRandom.check(
                    1234,
                    "scenario x",
                    r -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed 1234")
        .hasMessageContaining("scenario x")
        .hasMessageContaining("boom");
  }

  @Test
  void aPassingBodyIsSilent() {
    long[] seen = {0};
    SeededRandom.check(5, "ok", r -> seen[0] = r.seed());
    assertThat(seen[0]).isEqualTo(5);
  }
}
