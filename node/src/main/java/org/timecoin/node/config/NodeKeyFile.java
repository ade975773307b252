package org.timecoin.node.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The node's Ed25519 key on disk: one line holding the 32-byte seed in hex, readable by the owner
 * only (mode 600). A key readable by others is refused, as ssh does.
 */
public final class NodeKeyFile {
  static final int SEED_BYTES = 32;

  private NodeKeyFile() {}

  /** Creates {@code file} with a fresh random seed; fails if it already exists. */
  public static byte[] create(Path file, SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    write(file, seed);
    return seed;
  }

  /** Writes {@code seed} to a new file created with mode 600 (never briefly readable by others). */
  public static void write(Path file, byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("seed must be 32 bytes");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      byte[] text =
          (HexFormat.of().formatHex(seed) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      if (posix(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.write(file, text);
    } catch (FileAlreadyExistsException e) {
      throw new ConfigException(file + ": key file already exists; refusing to overwrite it", e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write key file: " + e.getMessage(), e);
    }
  }

  /** Reads the seed, checking permissions and format. */
  public static byte[] read(Path file) {
    if (!Files.exists(file)) {
      throw new ConfigException(file + ": node key file not found; create one with 'timed init'");
    }
    try {
      if (posix(file)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : perms) {
          if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
            throw new ConfigException(
                file
                    + ": key file is accessible by other users (mode "
                    + PosixFilePermissions.toString(perms)
                    + "); run: chmod 600 "
                    + file);
          }
        }
      }
      String text = Files.readString(file).strip();
      if (text.length() != 2 * SEED_BYTES || !text.chars().allMatch(NodeKeyFile::isHex)) {
        throw new ConfigException(
            file + ": key file must hold 64 hexadecimal characters (a 32-byte seed)");
      }
      return HexFormat.of().parseHex(text);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read key file: " + e.getMessage(), e);
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean posix(Path file) {
    Path probe = file.toAbsolutePath().getParent();
    return probe != null && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }
}
