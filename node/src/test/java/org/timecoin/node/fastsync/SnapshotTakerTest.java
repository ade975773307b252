package org.timecoin.node.fastsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.node.chain.TestChain;
import org.timecoin.storage.snapshot.SnapshotKeeper;

class SnapshotTakerTest {
  @ParameterizedTest(name = "h={0} interval={1} epoch={2} -> {3}")
  @CsvSource({
    "1, 2, 10, false", // never height 1
    "1, 1000, 1000, false",
    "3, 2, 10, true",
    "11, 2, 10, true",
    "20, 2, 10, false", // even
    "21, 2, 10, true",
    "1001, 1000, 360, true",
    "2001, 1000, 360, true",
    "1000, 1000, 360, false",
    "1002, 1000, 360, false",
    "7, 3, 7, false", // 7 % 3 == 1 but 7 ends an epoch of 7
    "4, 3, 7, true",
    "5, 4, 5, false", // ends an epoch of 5
    "9, 4, 5, true",
    "21, 10, 7, false", // 21 ends an epoch of 7
    "31, 10, 7, true",
  })
  void snapshotHeights(long height, long interval, long epochBlocks, boolean expected) {
    assertThat(SnapshotTaker.isSnapshotHeight(height, interval, epochBlocks)).isEqualTo(expected);
  }

  @Test
  void matchesItsDefinitionOnRandomInputs() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long interval = 2 + rnd.nextInt(50);
      long epochBlocks = 1 + rnd.nextInt(50);
      long height = 1 + rnd.nextInt(5_000);
      boolean is = SnapshotTaker.isSnapshotHeight(height, interval, epochBlocks);
      String why = "seed " + seed + " h=" + height + " i=" + interval + " e=" + epochBlocks;
      assertThat(is)
          .as(why)
          .isEqualTo(height != 1 && height % interval == 1 && height % epochBlocks != 0);
      if (is) {
        assertThat(height).as(why).isGreaterThan(1);
        assertThat(height % epochBlocks).as(why).isNotZero();
      }
    }
  }

  @Test
  void everyHeightEndsItsEpochWhenEpochsAreOneBlockLong() {
    for (long h = 1; h < 100; h++) {
      assertThat(SnapshotTaker.isSnapshotHeight(h, 2, 1)).as("h=%d", h).isFalse();
    }
  }

  @Test
  void aSnapshotIsKeptAtASnapshotHeightButNotWhileCatchingUp(@TempDir Path dir) throws Exception {
    AtomicBoolean catchingUp = new AtomicBoolean(true);
    SnapshotKeeper keeper = new SnapshotKeeper(dir, 2);
    try (TestChain t = new TestChain(10);
        SnapshotTaker taker =
            new SnapshotTaker(t.chain.store(), keeper, 10, 20, Clock.SYSTEM, catchingUp::get)) {
      Block atSnapshotHeight = t.emptyBlockAt(11);
      taker.onBlockStored(atSnapshotHeight, null);
      taker.onBlockStored(t.emptyBlockAt(12), null);
      catchingUp.set(false);
      taker.onBlockStored(t.emptyBlockAt(12), null); // not a snapshot height
      assertThat(keeper.heights()).as("nothing kept while catching up").isEmpty();

      taker.onBlockStored(atSnapshotHeight, null);
      // The store's tip is its genesis block: the snapshot is of the state there.
      await().atMost(Duration.ofSeconds(30)).until(() -> !keeper.heights().isEmpty());
      assertThat(keeper.heights()).containsExactly(0L);
      assertThat(keeper.manifest(0).orElseThrow().stateRoot())
          .isEqualTo(t.chain.store().stateRoot());
    }
  }
}
