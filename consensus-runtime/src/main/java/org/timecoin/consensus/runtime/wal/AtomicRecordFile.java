package org.timecoin.consensus.runtime.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file holding one checksummed record that is replaced atomically: write a temporary file, fsync
 * it, rename it over the old one, fsync the directory. After a crash at any point the file holds
 * either the old or the new record, never a mix.
 */
public final class AtomicRecordFile {
  private final Path file;
  private final Path tmp;

  public AtomicRecordFile(Path file) {
    this.file = file;
    this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
  }

  public Path path() {
    return file;
  }

  /** The stored record, or empty when none was ever written. */
  public Optional<byte[]> read() {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      byte[] data = Files.readAllBytes(file);
      int length = WalRecordFormat.validPayloadLengthAt(data, 0, data.length);
      if (length < 0 || WalRecordFormat.HEADER_SIZE + length != data.length) {
        throw new IllegalStateException(
            file
                + " is damaged (bad length or checksum). It is replaced only by atomic rename, so"
                + " this is disk damage; refusing to start because the record guards against"
                + " double signing. Restore it from a backup, or delete it only if this key has"
                + " not signed anything at or above the chain's current height.");
      }
      return Optional.of(Arrays.copyOfRange(data, WalRecordFormat.HEADER_SIZE, data.length));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces the record durably; returns only once the new record survives a crash. */
  public void write(byte[] payload) {
    ByteBuffer frame = WalRecordFormat.frame(payload);
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        while (frame.hasRemaining()) {
          channel.write(frame);
        }
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      DirectorySync.force(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
