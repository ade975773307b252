package org.timecoin.domain.tx;

import java.util.Arrays;
import java.util.HexFormat;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.crypto.PublicKey;

/**
 * A 20-byte address payload: the first 20 bytes of SHA-256(public key). Its text form is the
 * network prefix followed by base58(payload ‖ checksum), where checksum is the first 4 bytes of
 * SHA-256(SHA-256(payload)). The payload alone is network-independent; the network lives only in
 * the text prefix.
 */
public final class Address implements Comparable<Address> {
  public static final int SIZE = 20;
  private static final int CHECKSUM_SIZE = 4;

  /** Fixed 20 bytes, no length prefix. */
  public static final Codec<Address> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Address value) {
          out.raw(value.payload);
        }

        @Override
        public Address read(ByteReader in) {
          return new Address(in.raw(SIZE));
        }
      };

  private final byte[] payload;
  private final int hash;

  private Address(byte[] payload) {
    this.payload = payload;
    this.hash = Arrays.hashCode(payload);
  }

  public static Address fromPublicKey(PublicKey key) {
    byte[] pub = new byte[PublicKey.SIZE];
    key.copyTo(pub, 0);
    return new Address(Arrays.copyOf(Sha256.digest(pub), SIZE));
  }

  /** Wraps a copy of a 20-byte payload. */
  public static Address ofPayload(byte[] payload) {
    if (payload.length != SIZE) {
      throw new IllegalArgumentException("address payload must be 20 bytes, got " + payload.length);
    }
    return new Address(payload.clone());
  }

  /** True when this address is the one {@code key} controls. */
  public boolean matches(PublicKey key) {
    byte[] pub = new byte[PublicKey.SIZE];
    key.copyTo(pub, 0);
    byte[] digest = Sha256.digest(pub);
    return Arrays.equals(digest, 0, SIZE, payload, 0, SIZE);
  }

  public String toText(Network network) {
    byte[] body = Arrays.copyOf(payload, SIZE + CHECKSUM_SIZE);
    System.arraycopy(checksum(payload), 0, body, SIZE, CHECKSUM_SIZE);
    return network.addressPrefix() + Base58.encode(body);
  }

  /** Parses the text of either network. */
  public static Address parse(String text) throws AddressFormatException {
    return parseBody(text, networkOf(text));
  }

  /** Parses text that must belong to {@code expected}. */
  public static Address parse(String text, Network expected) throws AddressFormatException {
    Network actual = networkOf(text);
    if (actual != expected) {
      throw new AddressFormatException(
          AddressFormatException.Reason.BAD_PREFIX,
          "address is for "
              + actual
              + " but this node runs "
              + expected
              + " (expected prefix "
              + expected.addressPrefix()
              + ")");
    }
    return parseBody(text, actual);
  }

  /** The network whose prefix {@code text} starts with. */
  public static Network networkOf(String text) throws AddressFormatException {
    for (Network n : Network.values()) {
      if (text.startsWith(n.addressPrefix())) {
        return n;
      }
    }
    throw new AddressFormatException(
        AddressFormatException.Reason.BAD_PREFIX,
        "address must start with TIME0 (testnet) or TIME1 (mainnet): '" + text + "'");
  }

  private static Address parseBody(String text, Network network) throws AddressFormatException {
    String body = text.substring(network.addressPrefix().length());
    byte[] bytes = body.length() > 64 ? null : Base58.decode(body);
    if (bytes == null) {
      throw new AddressFormatException(
          body.length() > 64
              ? AddressFormatException.Reason.BAD_LENGTH
              : AddressFormatException.Reason.BAD_CHARACTER,
          body.length() > 64
              ? "address is too long: " + text.length() + " characters"
              : "address holds a character outside base58 (no 0, O, I, l): '" + text + "'");
    }
    if (bytes.length != SIZE + CHECKSUM_SIZE) {
      throw new AddressFormatException(
          AddressFormatException.Reason.BAD_LENGTH,
          "address decodes to " + bytes.length + " bytes, expected 24: '" + text + "'");
    }
    byte[] payload = Arrays.copyOf(bytes, SIZE);
    if (!Arrays.equals(checksum(payload), 0, CHECKSUM_SIZE, bytes, SIZE, SIZE + CHECKSUM_SIZE)) {
      throw new AddressFormatException(
          AddressFormatException.Reason.BAD_CHECKSUM,
          "address checksum does not match (mistyped or truncated?): '" + text + "'");
    }
    return new Address(payload);
  }

  private static byte[] checksum(byte[] payload) {
    return Arrays.copyOf(Sha256.doubleDigest(payload), CHECKSUM_SIZE);
  }

  public byte[] payload() {
    return payload.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other
        && hash == other.hash
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(payload, o.payload);
  }

  /** Hex of the payload; use {@link #toText(Network)} for display to users. */
  @Override
  public String toString() {
    return toHex();
  }
}
