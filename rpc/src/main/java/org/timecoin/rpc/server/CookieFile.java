package org.timecoin.rpc.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.node.config.RpcAuthEntry;

/**
 * The RPC cookie: {@code DATA_DIR/.cookie} holding {@code __cookie__:SECRET}, a new random secret
 * at each start, readable by the node's user only (mode 600 from its creation), deleted on a clean
 * stop. Whoever can read the data directory can call the node, as with bitcoind.
 */
public final class CookieFile implements AutoCloseable {
  public static final String NAME = ".cookie";
  private static final Logger log = LoggerFactory.getLogger(CookieFile.class);

  private final Path path;
  private final String secret;

  private CookieFile(Path path, String secret) {
    this.path = path;
    this.secret = secret;
  }

  /** Writes a new cookie in {@code dataDir}, replacing any left by an earlier run. */
  public static CookieFile write(Path dataDir, SecureRandom random) throws IOException {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    Files.createDirectories(dataDir);
    Path path = dataDir.resolve(NAME);
    Path tmp = dataDir.resolve(NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, ownerOnly(dataDir));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(tmp + ": appeared while the cookie was written", e);
    }
    Files.writeString(tmp, RpcAuthEntry.COOKIE_USER + ":" + secret, StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new CookieFile(path, secret);
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  public Path path() {
    return path;
  }

  public String secret() {
    return secret;
  }

  /** Deletes the cookie, unless a later run has replaced it with its own. */
  @Override
  public void close() {
    try {
      String now = Files.readString(path, StandardCharsets.UTF_8);
      if (now.endsWith(":" + secret)) {
        Files.delete(path);
      }
    } catch (IOException e) {
      log.debug("cookie {} not deleted: {}", path, e.getMessage());
    }
  }
}
