package org.timecoin.rpc.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timecoin.node.config.RpcAuthEntry;

/**
 * Checks the HTTP Basic credentials of a request: the cookie's secret (user {@code __cookie__}) or
 * a configured user's password. Secrets are compared in constant time, and an unknown user costs
 * the same HMAC as a known one, so timing tells an attacker nothing.
 */
public final class RpcAuthenticator {
  private static final int MAX_HEADER = 1024;
  private static final RpcAuthEntry DUMMY =
      RpcAuthEntry.parse("dummy:00000000000000000000000000000000$" + "0".repeat(64));

  private final byte[] cookieDigest;
  private final Map<String, RpcAuthEntry> users = new HashMap<>();
  private final Set<String> readOnly;

  /** An identity proven by a request's credentials. */
  public record Identity(String user, boolean readOnly) {}

  public RpcAuthenticator(String cookieSecret, List<RpcAuthEntry> users, List<String> readOnly) {
    this.cookieDigest = sha256(cookieSecret);
    for (RpcAuthEntry e : users) {
      this.users.put(e.user(), e);
    }
    this.readOnly = Set.copyOf(readOnly);
  }

  /** The caller's identity, or empty when {@code authorization} does not prove one. */
  public Optional<Identity> check(String authorization) {
    if (authorization == null
        || authorization.length() > MAX_HEADER
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String user = pair.substring(0, colon);
    String password = pair.substring(colon + 1);
    if (RpcAuthEntry.COOKIE_USER.equals(user)) {
      return MessageDigest.isEqual(sha256(password), cookieDigest)
          ? Optional.of(new Identity(user, false))
          : Optional.empty();
    }
    RpcAuthEntry entry = users.get(user);
    boolean ok = (entry == null ? DUMMY : entry).matches(password) && entry != null;
    return ok ? Optional.of(new Identity(user, readOnly.contains(user))) : Optional.empty();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
