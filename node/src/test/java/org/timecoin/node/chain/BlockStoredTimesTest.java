package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;

class BlockStoredTimesTest {
  @Test
  void remembersWhenEachRecentHeightWasStored() {
    VirtualClock clock = new VirtualClock();
    BlockStoredTimes times = new BlockStoredTimes(clock);
    assertThat(times.storedAtMillis(1)).isEmpty();
    for (long h = 1; h <= BlockStoredTimes.KEPT + 10; h++) {
      clock.advance(Duration.ofSeconds(1));
      times.stored(h);
    }
    long last = BlockStoredTimes.KEPT + 10;
    assertThat(times.storedAtMillis(last)).hasValue(clock.wallMillis());
    assertThat(times.storedAtMillis(last - 1)).hasValue(clock.wallMillis() - 1000);
    // the oldest heights were let go: the record stays bounded
    assertThat(times.storedAtMillis(10)).isEmpty();
    assertThat(times.storedAtMillis(11)).isPresent();
  }
}
