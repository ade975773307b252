package org.timecoin.common.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentMapTest {
  @Test
  void theNewestCapacityKeysAreAlwaysHeldWhateverWasReadBefore() {
    RecentMap<Integer, Boolean> m = new RecentMap<>(1_000);
    for (int i = 0; i < 1_000; i++) {
      m.put(i, true);
    }
    for (int r = 0; r < 5; r++) {
      for (int i = 0; i < 1_000; i++) {
        m.get(i); // old keys read often: a frequency-based cache would keep them
      }
    }
    for (int i = 1_000; i < 50_000; i++) {
      m.put(i, true);
    }
    assertThat(m.size()).isEqualTo(1_000);
    for (int i = 49_000; i < 50_000; i++) {
      assertThat(m.containsKey(i)).as("key %d", i).isTrue();
    }
    assertThat(m.containsKey(48_999)).isFalse();
    assertThat(m.containsKey(0)).isFalse();
  }

  @Test
  void putIfAbsentKeepsTheFirstValue() {
    RecentMap<String, String> m = new RecentMap<>(4);
    assertThat(m.putIfAbsent("tx", "alice")).isNull();
    assertThat(m.putIfAbsent("tx", "bob")).isEqualTo("alice");
    assertThat(m.get("tx")).isEqualTo("alice");
  }

  @Test
  void removeAllReturnsWhatWasHeld() {
    RecentMap<String, String> m = new RecentMap<>(4);
    m.put("a", "1");
    m.put("b", "2");
    assertThat(m.removeAll(List.of("a", "c"))).containsExactly(java.util.Map.entry("a", "1"));
    assertThat(m.containsKey("a")).isFalse();
    assertThat(m.get("b")).isEqualTo("2");
    m.clear();
    assertThat(m.size()).isZero();
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new RecentMap<>(0)).hasMessageContaining("capacity must be >= 1");
  }

  @Test
  void valuesAreACopyOldestFirst() {
    RecentMap<Integer, String> m = new RecentMap<>(2);
    m.put(1, "a");
    m.put(2, "b");
    m.put(3, "c");
    java.util.List<String> values = m.values();
    assertThat(values).containsExactly("b", "c");
    m.remove(2);
    assertThat(values).as("a copy").containsExactly("b", "c");
  }
}
