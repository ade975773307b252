package org.timecoin.consensus.runtime.wal;

import java.nio.file.Path;

/**
 * A WAL record that is damaged while valid records follow it. A crash can only tear the last
 * record, so this is disk or file damage, and replaying around it could make the validator forget
 * what it signed: the node must stop rather than guess.
 */
public final class WalCorruptedException extends RuntimeException {
  private final Path file;
  private final long offset;

  public WalCorruptedException(Path file, long offset, long nextValidOffset) {
    super(
        "consensus WAL "
            + file
            + " is corrupted at byte offset "
            + offset
            + ": the record there is damaged but a valid record follows at offset "
            + nextValidOffset
            + ", so this is not a torn write from a crash. The node stops to avoid signing twice."
            + " To recover: keep a copy of the file for inspection, check the disk, then move the"
            + " file out of the WAL directory and restart; the node rejoins the height from its"
            + " peers, and the last-signed guard (kept outside the WAL) still prevents conflicting"
            + " votes.");
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
