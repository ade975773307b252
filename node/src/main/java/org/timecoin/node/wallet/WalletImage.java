package org.timecoin.node.wallet;

import java.util.List;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The content of a wallet file. Public keys, labels and which keys wait in the key pool are in the
 * clear, so a locked wallet lists its addresses and hands out pooled ones; {@code secret} holds the
 * 32-byte seeds in the order of {@code keys}: plain, or sealed with AES-GCM when {@code encryption}
 * is present.
 */
record WalletImage(Encryption encryption, List<KeyEntry> keys, byte[] secret) {
  WalletImage {
    keys = List.copyOf(keys);
  }

  boolean encrypted() {
    return encryption != null;
  }

  /** How the seeds are encrypted: the KDF's parameters and the passphrase verifier. */
  record Encryption(KdfParams kdf, byte[] verifier) {}

  /** One key: handed out under {@code label}, or waiting in the pool ({@code pooled}). */
  record KeyEntry(PublicKey publicKey, String label, boolean pooled) {
    KeyEntry handedOut(String newLabel) {
      return new KeyEntry(publicKey, newLabel, false);
    }
  }
}
