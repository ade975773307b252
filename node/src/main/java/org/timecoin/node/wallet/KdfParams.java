package org.timecoin.node.wallet;

/**
 * scrypt's cost parameters and salt, stored in the wallet file so a wallet written with other costs
 * still opens. {@code 128 · r · 2^logN} bytes of memory per derivation.
 */
public record KdfParams(int logN, int r, int p, byte[] salt) {
  public static final int SALT_BYTES = 16;

  /** Derivations never take more memory than this, whatever a file says. */
  static final long MAX_MEMORY_BYTES = 256L * 1024 * 1024;

  /**
   * About 0.2–0.4 s and 32 MiB on a current server core: slow for a guesser with a GPU, quick
   * enough for an operator typing walletpassphrase.
   */
  public static KdfParams standard(byte[] salt) {
    return new KdfParams(15, 8, 1, salt);
  }

  /** Null when the parameters are usable; otherwise why not. */
  static String problem(int logN, int r, int p) {
    if (logN < 10 || logN > 24 || r < 1 || r > 32 || p < 1 || p > 4) {
      return "key derivation parameters out of range (logN " + logN + ", r " + r + ", p " + p + ")";
    }
    if (128L * r * (1L << logN) > MAX_MEMORY_BYTES) {
      return "key derivation would need more than " + (MAX_MEMORY_BYTES >> 20) + " MiB";
    }
    return null;
  }

  /** The same costs with another salt. */
  KdfParams withSalt(byte[] newSalt) {
    return new KdfParams(logN, r, p, newSalt);
  }
}
