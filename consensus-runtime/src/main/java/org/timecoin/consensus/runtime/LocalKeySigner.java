package org.timecoin.consensus.runtime;

import org.timecoin.consensus.Signer;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

/** Signs with a validator key held in this process (the node key file). */
public final class LocalKeySigner implements Signer {
  private final KeyPair key;

  public LocalKeySigner(KeyPair key) {
    this.key = key;
  }

  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }
}
