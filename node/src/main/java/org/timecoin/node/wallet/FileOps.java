package org.timecoin.node.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations the wallet needs, behind a port so tests can make one fail the way a full
 * disk or a crash would.
 */
public interface FileOps {
  boolean exists(Path file);

  /** The whole file, refused when it is longer than {@code maxBytes}. */
  byte[] read(Path file, int maxBytes) throws IOException;

  /** Creates or truncates {@code file}, writes {@code data} and forces it to the disk. */
  void writeSynced(Path file, byte[] data) throws IOException;

  /** Renames {@code from} over {@code to} atomically. */
  void replace(Path from, Path to) throws IOException;

  /**
   * Gives {@code existing} the new name {@code target}, failing when {@code target} exists; {@code
   * existing} may keep its name or lose it.
   */
  void linkNew(Path existing, Path target) throws IOException;

  /** Forces the directory entry changes (renames, creations) in {@code dir} to the disk. */
  void syncDirectory(Path dir) throws IOException;

  void deleteIfExists(Path file) throws IOException;

  /** The file system itself. */
  FileOps REAL =
      new FileOps() {
        @Override
        public boolean exists(Path file) {
          return Files.exists(file);
        }

        @Override
        public byte[] read(Path file, int maxBytes) throws IOException {
          try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
              throw new IOException("larger than " + maxBytes + " bytes");
            }
            return data;
          }
        }

        @Override
        public void writeSynced(Path file, byte[] data) throws IOException {
          try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
            ch.force(true);
          }
        }

        @Override
        public void replace(Path from, Path to) throws IOException {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void linkNew(Path existing, Path target) throws IOException {
          try {
            Files.createLink(target, existing);
          } catch (UnsupportedOperationException e) {
            // No hard links here: a plain move, after checking, is the best this file system
            // allows.
            if (Files.exists(target)) {
              throw new java.nio.file.FileAlreadyExistsException(target.toString());
            }
            Files.move(existing, target, StandardCopyOption.ATOMIC_MOVE);
          }
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
          try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
          } catch (IOException e) {
            // Some systems cannot open a directory for reading; the rename stands regardless.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
              throw e;
            }
          }
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
          Files.deleteIfExists(file);
        }
      };
}
