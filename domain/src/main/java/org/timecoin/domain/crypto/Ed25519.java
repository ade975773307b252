package org.timecoin.domain.crypto;

/**
 * Ed25519 (RFC 8032, pure variant, no context) over BouncyCastle's low-level implementation. The
 * JCA provider path is several times slower on verification, so it is never used.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_SIZE = 32;
  public static final int PRIVATE_KEY_SIZE = 32;
  public static final int SIGNATURE_SIZE = 64;

  static {
    // Builds the fixed-base tables once, instead of racing to build them on first use.
    org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
  }

  private Ed25519() {}

  /** True when {@code sig64} is a valid signature of {@code msg} under {@code pubKey32}. */
  public static boolean verify(byte[] pubKey32, byte[] msg, byte[] sig64) {
    if (pubKey32.length != PUBLIC_KEY_SIZE || sig64.length != SIGNATURE_SIZE) {
      return false;
    }
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        sig64, 0, pubKey32, 0, msg, 0, msg.length);
  }

  /**
   * The decoded curve point of a public key, or null when the bytes are not an acceptable key. The
   * checks are the ones {@link #verify} applies to its key argument, so verifying against the point
   * gives the same answer as verifying against the bytes, minus the decoding cost.
   */
  static org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint decodePoint(byte[] pubKey32) {
    return org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(pubKey32, 0);
  }

  static boolean verify(
      org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point, byte[] msg, byte[] sig64) {
    return sig64.length == SIGNATURE_SIZE
        && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig64, 0, point, msg, 0, msg.length);
  }

  /** Signs {@code msg} with the 32-byte private key (the RFC 8032 seed). */
  public static byte[] sign(byte[] privKey32, byte[] msg) {
    checkPrivateKey(privKey32);
    byte[] sig = new byte[SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(privKey32, 0, msg, 0, msg.length, sig, 0);
    return sig;
  }

  /**
   * Signs with a known public key, which saves the scalar multiplication that derives it; {@code
   * pubKey32} must belong to {@code privKey32}.
   */
  static byte[] sign(byte[] privKey32, byte[] pubKey32, byte[] msg) {
    byte[] sig = new byte[SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        privKey32, 0, pubKey32, 0, msg, 0, msg.length, sig, 0);
    return sig;
  }

  /** The 32-byte public key of a 32-byte private key. */
  public static byte[] publicKeyOf(byte[] privKey32) {
    checkPrivateKey(privKey32);
    byte[] pub = new byte[PUBLIC_KEY_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(privKey32, 0, pub, 0);
    return pub;
  }

  /** True when the 32 bytes decode to a curve point (does not check the subgroup). */
  public static boolean isValidPublicKey(byte[] pubKey32) {
    return pubKey32.length == PUBLIC_KEY_SIZE
        && org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(pubKey32, 0);
  }

  private static void checkPrivateKey(byte[] privKey32) {
    if (privKey32.length != PRIVATE_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 private key must be 32 bytes, got " + privKey32.length);
    }
  }
}
