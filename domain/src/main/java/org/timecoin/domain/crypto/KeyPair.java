package org.timecoin.domain.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/** An Ed25519 private key (the 32-byte RFC 8032 seed) with its public key. */
public final class KeyPair {
  private final byte[] seed;
  private final PublicKey publicKey;

  private KeyPair(byte[] seed) {
    this.seed = seed;
    this.publicKey = PublicKey.of(Ed25519.publicKeyOf(seed));
  }

  public static KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.PRIVATE_KEY_SIZE];
    random.nextBytes(seed);
    return new KeyPair(seed);
  }

  /** Deterministic key pair from a 32-byte seed (copied). */
  public static KeyPair fromSeed(byte[] seed32) {
    if (seed32.length != Ed25519.PRIVATE_KEY_SIZE) {
      throw new IllegalArgumentException("seed must be 32 bytes, got " + seed32.length);
    }
    return new KeyPair(seed32.clone());
  }

  public static KeyPair fromSeedHex(String hex) {
    return fromSeed(HexFormat.of().parseHex(hex));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** A 64-byte Ed25519 signature of {@code msg}. */
  public byte[] sign(byte[] msg) {
    return Ed25519.sign(seed, publicKey.rawBytes(), msg);
  }

  /** The 32-byte seed; keep it secret. */
  public byte[] seed() {
    return seed.clone();
  }

  /** Never prints the private key. */
  @Override
  public String toString() {
    return "KeyPair[" + publicKey.toHex() + "]";
  }
}
