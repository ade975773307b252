package org.timecoin.node.config;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One {@code [rpc] auth} entry, {@code user:salt$hash} with {@code hash = hex(HMAC-SHA256(key =
 * salt, message = password))}: the node can check a password without ever storing it. The format is
 * the one bitcoind's {@code rpcauth} uses, so its helper script produces valid entries too.
 */
public record RpcAuthEntry(String user, String salt, byte[] hash) {
  /** The user name of the cookie file's credentials; no configured entry may take it. */
  public static final String COOKIE_USER = "__cookie__";

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SALT = Pattern.compile("[0-9a-fA-F]{16,128}");
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

  public RpcAuthEntry {
    hash = hash.clone();
  }

  /**
   * Parses {@code user:salt$hash}.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the hash
   */
  public static RpcAuthEntry parse(String text) {
    int colon = text.indexOf(':');
    int dollar = text.lastIndexOf('$');
    if (colon < 0 || dollar < colon) {
      throw new IllegalArgumentException("must look like \"user:salt$hash\"");
    }
    String user = text.substring(0, colon);
    String salt = text.substring(colon + 1, dollar);
    String hash = text.substring(dollar + 1);
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "user name must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (COOKIE_USER.equals(user)) {
      throw new IllegalArgumentException(
          "user name " + COOKIE_USER + " is reserved for the cookie");
    }
    if (!SALT.matcher(salt).matches()) {
      throw new IllegalArgumentException("salt must be 16 to 128 hex characters");
    }
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be 64 hex characters (HMAC-SHA256)");
    }
    return new RpcAuthEntry(user, salt, HexFormat.of().parseHex(hash));
  }

  /** A new entry for {@code password} with a random salt. */
  public static RpcAuthEntry create(String user, String password, SecureRandom random) {
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "user name must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String s = HexFormat.of().formatHex(salt);
    return parse(user + ":" + s + "$" + HexFormat.of().formatHex(hmac(s, password)));
  }

  /** Whether {@code password} is this user's, compared in constant time. */
  public boolean matches(String password) {
    return MessageDigest.isEqual(hmac(salt, password), hash);
  }

  /** The text form, as written in config.toml. */
  public String text() {
    return user + ":" + salt + "$" + HexFormat.of().formatHex(hash);
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RpcAuthEntry e && e.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return "RpcAuthEntry[" + user + "]";
  }

  private static byte[] hmac(String salt, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
