package org.timecoin.storage.kv;

import java.nio.file.Path;
import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.timecoin.storage.StorageException;
import org.timecoin.storage.StorageException.Kind;

/** Turns RocksDB errors into {@link StorageException}s that name the path and the remedy. */
public final class RocksErrors {
  private RocksErrors() {}

  public static StorageException translate(Path path, String action, RocksDBException e) {
    Status status = e.getStatus();
    Status.Code code = status == null ? null : status.getCode();
    Status.SubCode sub = status == null ? null : status.getSubCode();
    String detail = e.getMessage() == null ? String.valueOf(code) : e.getMessage();
    String lower = detail.toLowerCase(Locale.ROOT);
    if (code == Status.Code.Corruption) {
      return new StorageException(
          Kind.CORRUPT,
          path,
          "database at "
              + path
              + " is corrupt while "
              + action
              + " ("
              + detail
              + "): restore it from a backup, or move it away and resync from peers",
          e);
    }
    if (sub == Status.SubCode.NoSpace || lower.contains("no space left")) {
      return new StorageException(
          Kind.DISK_FULL,
          path,
          "disk full under "
              + path
              + " while "
              + action
              + " ("
              + detail
              + "): free space and restart the node; blocks committed before this are intact",
          e);
    }
    if (lower.contains("lock")) {
      return new StorageException(
          Kind.IO,
          path,
          "database at "
              + path
              + " is in use by another process ("
              + detail
              + "): stop the other node or choose another [storage] path",
          e);
    }
    return new StorageException(
        Kind.IO,
        path,
        "I/O error on database at "
            + path
            + " while "
            + action
            + " ("
            + detail
            + "): check the disk and permissions, then restart",
        e);
  }
}
