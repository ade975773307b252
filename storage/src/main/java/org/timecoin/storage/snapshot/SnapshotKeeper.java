package org.timecoin.storage.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The snapshots this node serves, one directory per height under {@code base}: a {@code manifest}
 * file and one file per chunk. A snapshot is written into a temporary directory and renamed into
 * place, so a directory with a height for a name is always whole; the newest {@code keep} are kept.
 *
 * <p>Threading: {@link #write} runs on one background thread at a time; reads from any thread (a
 * chunk pruned meanwhile reads as empty).
 */
public final class SnapshotKeeper {
  static final String MANIFEST = "manifest";
  static final String TEMP_PREFIX = ".tmp-";

  private final Path base;
  private final int keep;
  private final ConcurrentSkipListMap<Long, SnapshotManifest> manifests =
      new ConcurrentSkipListMap<>(Comparator.reverseOrder());

  /**
   * Opens (creating it if needed) the directory {@code base}, deleting half-written snapshots and
   * any whose manifest does not decode.
   */
  public SnapshotKeeper(Path base, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1");
    }
    this.base = base;
    this.keep = keep;
    try {
      Files.createDirectories(base);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
        for (Path dir : entries) {
          adopt(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void adopt(Path dir) throws IOException {
    String name = dir.getFileName().toString();
    if (!Files.isDirectory(dir)) {
      return;
    }
    Long height = parseHeight(name);
    SnapshotManifest m = height == null ? null : readManifest(dir);
    if (m == null || m.height() != height) {
      if (height != null || name.startsWith(TEMP_PREFIX)) {
        deleteTree(dir);
      }
      return;
    }
    manifests.put(height, m);
  }

  private static Long parseHeight(String name) {
    if (name.isEmpty() || name.length() > 19 || !name.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(name);
  }

  private static SnapshotManifest readManifest(Path dir) {
    try {
      return SnapshotManifest.decode(Files.readAllBytes(dir.resolve(MANIFEST)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes the snapshot of {@code source} (closing it) unless its height is kept already, then
   * drops the oldest snapshots beyond {@code keep}.
   */
  public SnapshotManifest write(SnapshotSource source) throws IOException {
    try (source) {
      long height = source.height();
      SnapshotManifest existing = manifests.get(height);
      if (existing != null) {
        return existing;
      }
      Path temp = base.resolve(TEMP_PREFIX + height);
      deleteTree(temp);
      Files.createDirectory(temp);
      SnapshotManifest m =
          source.write((index, bytes) -> writeFile(temp.resolve(chunkName(index)), bytes));
      writeFile(temp.resolve(MANIFEST), m.encode());
      Files.move(temp, base.resolve(Long.toString(height)), StandardCopyOption.ATOMIC_MOVE);
      manifests.put(height, m);
      prune();
      return m;
    }
  }

  private void prune() throws IOException {
    List<Long> heights = heights();
    for (Long old : heights.subList(Math.min(keep, heights.size()), heights.size())) {
      manifests.remove(old);
      deleteTree(base.resolve(Long.toString(old)));
    }
  }

  /** Heights of the snapshots kept, newest first. */
  public List<Long> heights() {
    return new ArrayList<>(manifests.keySet());
  }

  public Optional<SnapshotManifest> manifest(long height) {
    return Optional.ofNullable(manifests.get(height));
  }

  /** The encoded manifest at {@code height}, as served to peers. */
  public Optional<byte[]> manifestBytes(long height) {
    return manifest(height).map(SnapshotManifest::encode);
  }

  /** Chunk {@code index} of the snapshot at {@code height}, read from disk. */
  public Optional<byte[]> chunk(long height, int index) {
    SnapshotManifest m = manifests.get(height);
    if (m == null || index < 0 || index >= m.chunks().size()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Files.readAllBytes(base.resolve(Long.toString(height)).resolve(chunkName(index))));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // pruned meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String chunkName(int index) {
    return String.format("chunk-%05d", index);
  }

  /** Writes and fsyncs a file, so the rename publishes only data that is on disk. */
  private static void writeFile(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
