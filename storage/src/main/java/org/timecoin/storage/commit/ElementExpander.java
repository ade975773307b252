package org.timecoin.storage.commit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.timecoin.common.Sha256;

/**
 * Expands an element into the 2048 bytes of its LtHash16 lanes: the ChaCha20 keystream under the
 * key SHA-256(tag ‖ element) with a zero nonce, i.e. a hash followed by a stream cipher used as an
 * extendable-output function. ChaCha20 runs on the JDK's vectorised intrinsic; a fresh key per
 * element keeps the keystreams of different elements independent.
 */
final class ElementExpander {
  private static final byte[] TAG = "timecoin/lthash16/element/v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ZERO_NONCE = new byte[12];
  private static final byte[] ZEROS = new byte[LtHash16.BYTES];

  /**
   * One cipher and output buffer per thread; the caller consumes the buffer before the next call.
   */
  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private ElementExpander() {}

  private static final class State {
    final Cipher cipher;
    final byte[] out = new byte[LtHash16.BYTES];

    State() {
      try {
        cipher = Cipher.getInstance("ChaCha20");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks ChaCha20", e);
      }
    }
  }

  /**
   * The lanes of {@code element}. The returned buffer is reused by the next call on this thread.
   */
  static byte[] expand(byte[] element) {
    State s = STATE.get();
    byte[] key = Sha256.digest(TAG, element);
    try {
      // Decrypt mode: the JDK refuses to encrypt twice under one key and nonce, but the keystream
      // XOR zeros is the same either way, and the same element may well be expanded twice.
      s.cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "ChaCha20"),
          new ChaCha20ParameterSpec(ZERO_NONCE, 0));
      s.cipher.doFinal(ZEROS, 0, ZEROS.length, s.out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20 expansion failed", e);
    }
    return s.out;
  }
}
