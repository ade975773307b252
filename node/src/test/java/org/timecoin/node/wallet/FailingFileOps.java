package org.timecoin.node.wallet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The real file system, except that once armed the next writes fail as a full disk does: part of
 * the data reaches the file, then "No space left on device".
 */
final class FailingFileOps implements FileOps {
  private volatile String failWritesTo;
  private volatile boolean failRenames;

  /** Writes to files named {@code name} fail after writing half their bytes; null: none fail. */
  void failWritesTo(String name) {
    failWritesTo = name;
  }

  void failRenames(boolean fail) {
    failRenames = fail;
  }

  @Override
  public boolean exists(Path file) {
    return REAL.exists(file);
  }

  @Override
  public byte[] read(Path file, int maxBytes) throws IOException {
    return REAL.read(file, maxBytes);
  }

  @Override
  public void writeSynced(Path file, byte[] data) throws IOException {
    if (file.getFileName().toString().equals(failWritesTo)) {
      REAL.writeSynced(file, Arrays.copyOf(data, data.length / 2));
      throw new IOException("No space left on device");
    }
    REAL.writeSynced(file, data);
  }

  @Override
  public void replace(Path from, Path to) throws IOException {
    if (failRenames) {
      throw new IOException("Input/output error");
    }
    REAL.replace(from, to);
  }

  @Override
  public void linkNew(Path existing, Path target) throws IOException {
    REAL.linkNew(existing, target);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    REAL.syncDirectory(dir);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    REAL.deleteIfExists(file);
  }
}
