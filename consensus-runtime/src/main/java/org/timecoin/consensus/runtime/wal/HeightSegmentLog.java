package org.timecoin.consensus.runtime.wal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;

/**
 * Append-only log of byte records with one segment file per height ({@code wal-<height>.seg}).
 *
 * <p>Appends reach the page cache at once and the disk on {@link #sync()}: the caller syncs before
 * any own signed message leaves the node, and calls {@link #syncIfDue()} at batch boundaries so
 * that other records are group-committed instead of costing one fsync each. I/O failures are
 * rethrown unchecked: a validator that cannot write its WAL must stop signing.
 */
public final class HeightSegmentLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeightSegmentLog.class);
  private static final Pattern SEGMENT_NAME = Pattern.compile("wal-(\\d{20})\\.seg");

  private final Path dir;
  private final Clock clock;
  private final long groupCommitNanos;
  private final Timer fsyncTimer;

  private FileChannel current;
  private long currentHeight = -1;
  private boolean dirty;
  private long lastSyncNanos;

  public HeightSegmentLog(
      Path dir, Clock clock, Duration groupCommitInterval, MeterRegistry registry) {
    this.dir = dir;
    this.clock = clock;
    this.groupCommitNanos = groupCommitInterval.toNanos();
    this.fsyncTimer =
        Timer.builder("consensus.wal_fsync")
            .description("time to force consensus WAL records to disk")
            .register(registry);
  }

  /**
   * Makes {@code height} the segment that appends go to and returns the records it already holds
   * (from before a restart). A torn tail is truncated at the last valid record with a warning.
   *
   * @throws WalCorruptedException when a damaged record is followed by valid ones
   */
  public synchronized List<byte[]> openHeight(long height) {
    try {
      closeCurrent();
      Files.createDirectories(dir);
      Path file = segment(height);
      List<byte[]> existing = List.of();
      long validEnd = 0;
      boolean created = !Files.exists(file);
      if (!created) {
        WalSegmentScan scan = WalSegmentScan.of(file);
        existing = scan.payloads();
        validEnd = scan.validEnd();
        if (scan.hasTornTail()) {
          LOG.warn(
              "WAL {}: truncating {} bytes of torn tail after the last valid record at offset {}"
                  + " ({} valid records kept)",
              file,
              scan.fileSize() - scan.validEnd(),
              scan.validEnd(),
              existing.size());
        }
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.size() > validEnd) {
        channel.truncate(validEnd);
        channel.force(true);
      }
      channel.position(validEnd);
      if (created) {
        DirectorySync.force(dir);
      }
      current = channel;
      currentHeight = height;
      lastSyncNanos = clock.monoNanos();
      return existing;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open WAL segment for height " + height, e);
    }
  }

  /**
   * Makes {@code height} the segment that appends go to, discarding records an earlier run left for
   * it: a height started afresh must not replay a previous attempt's inputs after its own.
   */
  public synchronized void openFreshHeight(long height) {
    List<byte[]> stale = openHeight(height);
    if (!stale.isEmpty()) {
      LOG.warn(
          "WAL {}: discarding {} records of an earlier run, height {} starts afresh",
          segment(height),
          stale.size(),
          height);
      try {
        current.truncate(0);
        current.position(0);
        current.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reset WAL segment " + segment(height), e);
      }
    }
  }

  public synchronized long currentHeight() {
    return currentHeight;
  }

  /** Writes one record; durable only after the next {@link #sync()}. */
  public synchronized void append(byte[] payload) {
    if (current == null) {
      throw new IllegalStateException("no WAL segment open: call openHeight first");
    }
    ByteBuffer frame = WalRecordFormat.frame(payload);
    try {
      while (frame.hasRemaining()) {
        current.write(frame);
      }
      dirty = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to WAL segment " + segment(currentHeight), e);
    }
  }

  /** Forces every appended record to disk. */
  public synchronized void sync() {
    if (!dirty || current == null) {
      return;
    }
    long start = clock.monoNanos();
    try {
      current.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fsync WAL segment " + segment(currentHeight), e);
    }
    long end = clock.monoNanos();
    fsyncTimer.record(end - start, TimeUnit.NANOSECONDS);
    dirty = false;
    lastSyncNanos = end;
  }

  /**
   * Group commit: syncs when records are pending and the last sync is older than the interval.
   * Returns true if records are still pending afterwards (the caller should come back later).
   */
  public synchronized boolean syncIfDue() {
    if (dirty && clock.monoNanos() - lastSyncNanos >= groupCommitNanos) {
      sync();
    }
    return dirty;
  }

  /** Deletes the segments of heights below {@code height}, once their blocks are stored. */
  public synchronized void deleteBelow(long height) {
    try {
      boolean deleted = false;
      for (long h : segmentHeights()) {
        if (h < height && h != currentHeight) {
          deleted |= Files.deleteIfExists(segment(h));
        }
      }
      if (deleted) {
        DirectorySync.force(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old WAL segments in " + dir, e);
    }
  }

  /** Heights that have a segment file, ascending. */
  public synchronized List<Long> segmentHeights() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Long> heights = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            Matcher m = SEGMENT_NAME.matcher(f.getFileName().toString());
            if (m.matches()) {
              heights.add(Long.parseLong(m.group(1)));
            }
          });
    }
    heights.sort(null);
    return heights;
  }

  public Path segment(long height) {
    return dir.resolve(String.format("wal-%020d.seg", height));
  }

  @Override
  public synchronized void close() {
    try {
      closeCurrent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close WAL segment", e);
    }
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      sync();
      current.close();
      current = null;
      currentHeight = -1;
    }
  }
}
