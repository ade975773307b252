package org.timecoin.node.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.timecoin.common.Sha256;

/**
 * The wallet's encryption: scrypt turns the passphrase into 64 bytes; the first 32 are the AES-256
 * key, SHA-256 of the last 32 is stored as a verifier so a wrong passphrase is told apart from a
 * damaged file. Every seal uses a fresh random 96-bit nonce and authenticates the public part of
 * the file as associated data.
 */
final class WalletCipher {
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  private WalletCipher() {}

  /** The AES key and the verifier derived from a passphrase. */
  record Derived(byte[] aesKey, byte[] verifier) {
    void wipe() {
      Arrays.fill(aesKey, (byte) 0);
    }
  }

  static Derived derive(char[] passphrase, KdfParams kdf) {
    byte[] pass = utf8(passphrase);
    byte[] out = SCrypt.generate(pass, kdf.salt(), 1 << kdf.logN(), kdf.r(), kdf.p(), 64);
    Arrays.fill(pass, (byte) 0);
    byte[] key = Arrays.copyOf(out, 32);
    byte[] verifier = Sha256.digest(Arrays.copyOfRange(out, 32, 64));
    Arrays.fill(out, (byte) 0);
    return new Derived(key, verifier);
  }

  static boolean verifies(Derived derived, byte[] storedVerifier) {
    return MessageDigest.isEqual(derived.verifier(), storedVerifier);
  }

  /** nonce ‖ ciphertext ‖ tag. */
  static byte[] seal(byte[] aesKey, byte[] plaintext, byte[] aad, SecureRandom random) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, aesKey, nonce);
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The plaintext, or null when the tag does not match (altered ciphertext or associated data). */
  static byte[] open(byte[] aesKey, byte[] sealed, byte[] aad) {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      return null;
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, aesKey, Arrays.copyOf(sealed, NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    return c;
  }

  private static byte[] utf8(char[] chars) {
    var buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return out;
  }
}
