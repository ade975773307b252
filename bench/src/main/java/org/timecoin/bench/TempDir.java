package org.timecoin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory deleted with everything in it on close. */
final class TempDir implements AutoCloseable {
  private final Path path;

  private TempDir(Path path) {
    this.path = path;
  }

  /** Creates it under {@code parent}, or the system temp directory when null. */
  static TempDir create(Path parent, String prefix) throws IOException {
    if (parent != null) {
      Files.createDirectories(parent);
      return new TempDir(Files.createTempDirectory(parent, prefix));
    }
    return new TempDir(Files.createTempDirectory(prefix));
  }

  Path path() {
    return path;
  }

  /** Bytes of all files below it. */
  long sizeBytes() {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(TempDir::size).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // a file removed by a compaction while we walk
    }
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
