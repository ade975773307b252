package org.timecoin.storage;

import java.nio.file.Path;

/**
 * A storage failure the node cannot work around by itself: a missing, corrupt or foreign database,
 * a full disk, an I/O error. The message names the path and says what the operator should do.
 */
public final class StorageException extends RuntimeException {
  /** What went wrong, so callers can react without parsing the message. */
  public enum Kind {
    MISSING,
    CORRUPT,
    FOREIGN,
    DISK_FULL,
    IO,
    CLOSED
  }

  private final Kind kind;
  private final Path path;

  public StorageException(Kind kind, Path path, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.path = path;
  }

  public StorageException(Kind kind, Path path, String message) {
    this(kind, path, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The database directory concerned, or null for an in-memory store. */
  public Path path() {
    return path;
  }
}
