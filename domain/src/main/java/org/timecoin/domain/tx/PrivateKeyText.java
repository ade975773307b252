package org.timecoin.domain.tx;

import java.util.Arrays;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.AddressFormatException.Reason;

/**
 * The text form of a private key, for importprivkey and dumpprivkey: {@code TIMEKEY} followed by
 * base58(network byte ‖ 32-byte Ed25519 seed ‖ checksum4), the checksum being the first 4 bytes of
 * SHA-256(SHA-256(network byte ‖ seed)). The network byte sits under the checksum, so a testnet key
 * is refused by a mainnet node and a changed character is caught, as with addresses.
 */
public final class PrivateKeyText {
  public static final String PREFIX = "TIMEKEY";
  private static final int SEED = 32;
  private static final int CHECKSUM = 4;
  private static final int BODY = 1 + SEED + CHECKSUM;

  private PrivateKeyText() {}

  public static String encode(KeyPair key, Network network) {
    byte[] body = new byte[BODY];
    body[0] = networkByte(network);
    byte[] seed = key.seed();
    System.arraycopy(seed, 0, body, 1, SEED);
    Arrays.fill(seed, (byte) 0);
    System.arraycopy(checksum(body), 0, body, 1 + SEED, CHECKSUM);
    String text = PREFIX + Base58.encode(body);
    Arrays.fill(body, (byte) 0);
    return text;
  }

  /** The key in {@code text}, which must be for {@code expected}. */
  public static KeyPair decode(String text, Network expected) throws AddressFormatException {
    if (!text.startsWith(PREFIX)) {
      throw new AddressFormatException(
          Reason.BAD_PREFIX, "a private key starts with " + PREFIX + " (as dumpprivkey prints it)");
    }
    String rest = text.substring(PREFIX.length());
    byte[] body = rest.length() > 80 ? null : Base58.decode(rest);
    if (body == null) {
      throw new AddressFormatException(
          rest.length() > 80 ? Reason.BAD_LENGTH : Reason.BAD_CHARACTER,
          rest.length() > 80
              ? "private key is too long"
              : "private key holds a character outside base58 (no 0, O, I, l)");
    }
    try {
      if (body.length != BODY) {
        throw new AddressFormatException(
            Reason.BAD_LENGTH,
            "private key decodes to " + body.length + " bytes, expected " + BODY);
      }
      if (!Arrays.equals(checksum(body), 0, CHECKSUM, body, 1 + SEED, BODY)) {
        throw new AddressFormatException(
            Reason.BAD_CHECKSUM, "private key checksum does not match (mistyped or truncated?)");
      }
      if (body[0] != networkByte(expected)) {
        throw new AddressFormatException(
            Reason.BAD_PREFIX,
            "private key is not for "
                + expected
                + " (it is for "
                + (body[0] == networkByte(Network.MAINNET) ? "mainnet" : "testnet or unknown")
                + ")");
      }
      return KeyPair.fromSeed(Arrays.copyOfRange(body, 1, 1 + SEED));
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  private static byte networkByte(Network network) {
    return switch (network) {
      case TESTNET -> (byte) 0xB0;
      case MAINNET -> (byte) 0xB1;
    };
  }

  private static byte[] checksum(byte[] body) {
    return Arrays.copyOf(Sha256.doubleDigest(Arrays.copyOf(body, 1 + SEED)), CHECKSUM);
  }
}
