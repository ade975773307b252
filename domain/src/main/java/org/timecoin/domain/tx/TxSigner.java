package org.timecoin.domain.tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.KeyPair;

/** Signs every input of a transaction whose inputs already carry their public keys. */
public final class TxSigner {
  private TxSigner() {}

  /**
   * Signs input i with {@code keys.get(i)}; each key must be the one named in its input (else
   * IllegalArgumentException, since the signature would not verify).
   */
  public static Transaction sign(Transaction tx, Hash32 chainId, List<KeyPair> keys) {
    List<TxIn> inputs = tx.inputs();
    if (keys.size() != inputs.size()) {
      throw new IllegalArgumentException(
          keys.size() + " keys for " + inputs.size() + " inputs: need one key per input");
    }
    byte[][] messages = SigHash.all(chainId, tx);
    List<TxIn> signed = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      KeyPair key = keys.get(i);
      TxIn in = inputs.get(i);
      if (!key.publicKey().equals(in.pubKey())) {
        throw new IllegalArgumentException("key for input " + i + " does not match its pubkey");
      }
      signed.add(in.withSignature(key.sign(messages[i])));
    }
    return tx.withInputs(signed);
  }

  /** Signs every input with the same key. */
  public static Transaction signAll(Transaction tx, Hash32 chainId, KeyPair key) {
    return sign(tx, chainId, Collections.nCopies(tx.inputs().size(), key));
  }
}
