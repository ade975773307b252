package org.timecoin.rpc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/** HTTP Basic credentials for a node's RPC: a configured user, or the node's cookie. */
public record RpcCredentials(String user, String password) {
  /** The cookie file's name in a node's data directory. */
  public static final String COOKIE = ".cookie";

  /** The {@code Authorization} header value. */
  public String header() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The credentials in a cookie file ({@code user:secret}), which a running node writes in its data
   * directory.
   *
   * @throws IOException saying which file is missing or malformed
   */
  public static RpcCredentials fromCookie(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IOException(
          file + " not found: is the node running? (its data directory holds the cookie)", e);
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || text.length() > 1024) {
      throw new IOException(file + " is not a cookie file (user:secret)");
    }
    return new RpcCredentials(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The cookie of the node whose data directory is {@code dataDir}. */
  public static RpcCredentials fromDataDir(Path dataDir) throws IOException {
    return fromCookie(dataDir.resolve(COOKIE));
  }

  @Override
  public String toString() {
    return "RpcCredentials[" + user + "]";
  }
}
