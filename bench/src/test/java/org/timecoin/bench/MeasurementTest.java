package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeasurementTest {
  @Test
  void percentilesUseNearestRank() {
    Samples s = new Samples();
    for (int i = 100; i >= 1; i--) {
      s.add(i * 1_000_000L);
    }

    assertThat(s.p50Ms()).isEqualTo(50.0);
    assertThat(s.p99Ms()).isEqualTo(99.0);
    assertThat(s.minMs()).isEqualTo(1.0);
    assertThat(s.maxMs()).isEqualTo(100.0);
    assertThat(s.meanMs()).isEqualTo(50.5);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 10, 97, 1000, 1024, 1_000_000})
  void spendOrderVisitsEveryIndexOnce(long size) {
    SpendOrder order = new SpendOrder(size, 12345);
    Set<Long> seen = new HashSet<>();
    for (long i = 0; i < Math.min(size, 100_000); i++) {
      long next = order.next();
      assertThat(next).isBetween(0L, size - 1);
      assertThat(seen.add(next)).as("index %d twice", next).isTrue();
    }
  }

  @Test
  void spendOrderRefusesToRunPastTheEnd() {
    SpendOrder order = new SpendOrder(2, 0);
    order.next();
    order.next();

    assertThatThrownBy(order::next).hasMessageContaining("--utxos");
  }

  @Test
  void slopeIsTakenOnlyOnceTheCacheIsFull() {
    List<Long> txs = List.of(0L, 100_000L, 200_000L, 300_000L);
    List<Double> heap = List.of(10.0, 60.0, 61.0, 62.0);
    List<Boolean> full = List.of(false, true, true, true);

    assertThat(UtxoMemoryBench.slopeOnceFull(txs, heap, full)).isCloseTo(0.1, within());
  }

  @Test
  void slopeNeedsTwoFullSamples() {
    assertThat(
            UtxoMemoryBench.slopeOnceFull(List.of(0L, 1L), List.of(1.0, 2.0), List.of(false, true)))
        .isNaN();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
