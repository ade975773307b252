package org.timecoin.consensus;

import org.timecoin.domain.crypto.PublicKey;

/** Port: signs with this node's validator key (a local key file, or a remote signer). */
public interface Signer {
  PublicKey publicKey();

  /** Ed25519 signature (64 bytes) of {@code message}. */
  byte[] sign(byte[] message);
}
