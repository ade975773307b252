package org.timecoin.node.wallet;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * Where the wallet lives on disk: {@code wallet.dat} and, after the first save over it, the version
 * before it in {@code wallet.dat.bak}. A save writes a temporary file, forces it to the disk,
 * renames it over the wallet and forces the directory; the previous version is copied to the backup
 * the same way first. At every moment the wallet file is either the old or the new version, whole,
 * so neither a crash nor a full disk loses a key.
 */
public final class WalletStore {
  /** Larger than any wallet can be ({@link WalletFormat#MAX_KEYS} keys with labels). */
  public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

  private final Path file;
  private final FileOps ops;

  public WalletStore(Path file, FileOps ops) {
    this.file = file.toAbsolutePath();
    this.ops = ops;
  }

  public Path file() {
    return file;
  }

  public Path backupFile() {
    return sibling(".bak");
  }

  public boolean exists() {
    return ops.exists(file);
  }

  public byte[] read() throws WalletFileException {
    try {
      return ops.read(file, MAX_FILE_BYTES);
    } catch (IOException e) {
      throw new WalletFileException(
          file, file + ": cannot read the wallet (" + e.getMessage() + ")", e);
    }
  }

  /** Replaces the wallet with {@code data}, keeping the version it replaces as the backup. */
  public void save(byte[] data) throws WalletFileException {
    Path step = file;
    try {
      if (ops.exists(file)) {
        step = backupFile();
        writeAtomically(backupFile(), ops.read(file, MAX_FILE_BYTES));
      }
      step = file;
      writeAtomically(file, data);
    } catch (IOException e) {
      throw new WalletFileException(
          step,
          "cannot save the wallet to "
              + step
              + " ("
              + e.getMessage()
              + "); "
              + file
              + " still holds the version before this change",
          e);
    }
  }

  /** Copies the wallet to {@code target}, which must not exist yet. */
  public void copyTo(Path target) throws WalletFileException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      if (ops.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      ops.writeSynced(tmp, read());
      ops.linkNew(tmp, target);
      ops.deleteIfExists(tmp);
      ops.syncDirectory(target.toAbsolutePath().getParent());
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(tmp);
      throw new WalletFileException(
          target, target + " already exists; choose another name or remove it first", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new WalletFileException(
          target, "cannot write the backup " + target + " (" + e.getMessage() + ")", e);
    }
  }

  private void writeAtomically(Path target, byte[] data) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      ops.writeSynced(tmp, data);
      ops.replace(tmp, target);
      ops.syncDirectory(target.getParent());
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private void deleteQuietly(Path tmp) {
    try {
      ops.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // a stale temporary file is harmless: the next save truncates it
    }
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
