package org.timecoin.consensus.runtime.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;

class HeightSegmentLogTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(HeightSegmentLog.class)).addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(HeightSegmentLog.class)).detachAppender(logs);
  }

  private HeightSegmentLog newLog() {
    return new HeightSegmentLog(dir, clock, Duration.ofMillis(100), registry);
  }

  private static byte[] rec(String s) {
    return s.getBytes(UTF_8);
  }

  private Path writeThree() {
    try (HeightSegmentLog log = newLog()) {
      log.openHeight(5);
      log.append(rec("one"));
      log.append(rec("two"));
      log.append(rec("three"));
      log.sync();
      return log.segment(5);
    }
  }

  private static List<String> strings(List<byte[]> payloads) {
    return payloads.stream().map(b -> new String(b, UTF_8)).toList();
  }

  @Test
  void replayReturnsRecordsOfTheHeightInOrderAndAppendsContinueAfterThem() {
    writeThree();
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two", "three");
      log.append(rec("four"));
    }
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two", "three", "four");
      assertThat(log.openHeight(6)).isEmpty();
    }
  }

  @Test
  void incompleteLastRecordIsTruncatedWithAWarning() throws IOException {
    Path file = writeThree();
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size - 2); // the crash tore the last append
    }
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two");
      log.append(rec("after"));
    }
    assertThat(logs.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("torn tail", file.toString());
            });
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two", "after");
    }
  }

  @Test
  void partialHeaderAtTheEndIsTruncated() throws IOException {
    Path file = writeThree();
    Files.write(file, new byte[] {7, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two", "three");
    }
    assertThat(Files.size(file)).isEqualTo(3 * 8 + 3 + 3 + 5);
  }

  @Test
  void badChecksumOnTheLastRecordIsTruncated() throws IOException {
    Path file = writeThree();
    flipByte(file, Files.size(file) - 1);
    try (HeightSegmentLog log = newLog()) {
      assertThat(strings(log.openHeight(5))).containsExactly("one", "two");
    }
  }

  @Test
  void damagedPayloadFollowedByValidRecordsIsRefusedWithFileAndOffset() throws IOException {
    Path file = writeThree();
    long secondRecord = 8 + 3;
    flipByte(file, secondRecord + 8 + 1);
    try (HeightSegmentLog log = newLog()) {
      assertThatThrownBy(() -> log.openHeight(5))
          .isInstanceOf(WalCorruptedException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("offset " + secondRecord)
          .hasMessageContaining("To recover")
          .satisfies(e -> assertThat(((WalCorruptedException) e).offset()).isEqualTo(secondRecord));
    }
    assertThat(Files.size(file)).as("a refused WAL is left untouched").isEqualTo(3 * 8 + 11);
  }

  @Test
  void damagedLengthFieldFollowedByValidRecordsIsRefused() throws IOException {
    Path file = writeThree();
    flipByte(file, 0); // the first record's length now points past the others
    try (HeightSegmentLog log = newLog()) {
      assertThatThrownBy(() -> log.openHeight(5))
          .isInstanceOf(WalCorruptedException.class)
          .hasMessageContaining("offset 0");
    }
  }

  @Test
  void zeroedRegionInTheMiddleIsRefused() throws IOException {
    Path file = writeThree();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(0);
      raf.write(new byte[11]); // the whole first record zeroed, as a lost block would read
    }
    try (HeightSegmentLog log = newLog()) {
      assertThatThrownBy(() -> log.openHeight(5)).isInstanceOf(WalCorruptedException.class);
    }
  }

  @Test
  void deleteBelowDropsOnlyOlderHeights() throws IOException {
    try (HeightSegmentLog log = newLog()) {
      for (long h = 1; h <= 4; h++) {
        log.openHeight(h);
        log.append(rec("at " + h));
      }
      log.deleteBelow(3);
      assertThat(log.segmentHeights()).containsExactly(3L, 4L);
      log.deleteBelow(10);
      assertThat(log.segmentHeights()).as("the open segment is kept").containsExactly(4L);
    }
  }

  @Test
  void groupCommitSyncsOnlyWhenTheIntervalHasPassed() {
    try (HeightSegmentLog log = newLog()) {
      log.openHeight(1);
      log.append(rec("a"));
      log.syncIfDue();
      assertThat(registry.timer("consensus.wal_fsync").count()).isZero();
      clock.advance(Duration.ofMillis(100));
      log.append(rec("b"));
      log.syncIfDue();
      assertThat(registry.timer("consensus.wal_fsync").count()).isEqualTo(1);
      log.syncIfDue();
      log.sync();
      assertThat(registry.timer("consensus.wal_fsync").count()).as("nothing pending").isEqualTo(1);
      log.append(rec("c"));
      log.sync();
      assertThat(registry.timer("consensus.wal_fsync").count()).isEqualTo(2);
    }
  }

  @Test
  void appendWithoutAnOpenSegmentIsRejected() {
    try (HeightSegmentLog log = newLog()) {
      assertThatThrownBy(() -> log.append(rec("x"))).isInstanceOf(IllegalStateException.class);
      log.openHeight(1);
      assertThatThrownBy(() -> log.append(new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /** Any cut of the file (a crash at any byte) recovers exactly the records that were whole. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyCrashPointRecoversTheWholeRecordsBeforeIt(long seed) throws IOException {
    Random random = new Random(seed);
    List<byte[]> written = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    long end = 0;
    try (HeightSegmentLog log = newLog()) {
      log.openHeight(9);
      int count = 1 + random.nextInt(20);
      for (int i = 0; i < count; i++) {
        byte[] payload = new byte[1 + random.nextInt(300)];
        random.nextBytes(payload);
        log.append(payload);
        written.add(payload);
        end += 8 + payload.length;
        ends.add(end);
      }
    }
    Path file = dir.resolve(String.format("wal-%020d.seg", 9));
    long cut = random.nextLong(end + 1);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(cut);
    }
    int whole = (int) ends.stream().filter(e -> e <= cut).count();
    try (HeightSegmentLog log = newLog()) {
      List<byte[]> recovered = log.openHeight(9);
      assertThat(recovered).as("seed %d cut %d", seed, cut).hasSize(whole);
      for (int i = 0; i < whole; i++) {
        assertThat(recovered.get(i)).as("seed %d record %d", seed, i).isEqualTo(written.get(i));
      }
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x40);
    }
  }

  static final class ManualClock implements Clock {
    private long nanos;

    void advance(Duration d) {
      nanos += d.toNanos();
    }

    @Override
    public long wallMillis() {
      return nanos / 1_000_000;
    }

    @Override
    public long monoNanos() {
      return nanos;
    }
  }
}
