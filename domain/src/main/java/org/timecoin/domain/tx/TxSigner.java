package org.timecoin.domain.tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.TxPayload;

/**
 * Signs every input of a transaction whose inputs already carry their public keys, and the
 * masternode payload of a version 2 or 3 transaction.
 */
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

  /**
   * Signs the payload of {@code tx}: a registration with its operator key, a deregistration with
   * its owner key. {@code key} must be the one the payload names (else IllegalArgumentException).
   * The payload signature commits to the unsigned txid, so inputs may be signed before or after.
   */
  public static Transaction signPayload(Transaction tx, Hash32 chainId, KeyPair key) {
    TxPayload payload = tx.payload();
    if (payload == null) {
      throw new IllegalArgumentException("version " + tx.version() + " carries no payload");
    }
    PublicKey expected =
        switch (payload) {
          case MasternodeRegistration r -> r.operatorKey();
          case MasternodeDeregistration d -> d.ownerKey();
        };
    if (!key.publicKey().equals(expected)) {
      throw new IllegalArgumentException(
          "key " + key.publicKey() + " is not the payload's " + roleOf(payload) + " key");
    }
    byte[] message =
        switch (payload) {
          case MasternodeRegistration r -> SigHash.operator(chainId, tx.unsignedTxid());
          case MasternodeDeregistration d -> SigHash.owner(chainId, tx.unsignedTxid());
        };
    return tx.withPayload(payload.withSignature(key.sign(message)));
  }

  private static String roleOf(TxPayload payload) {
    return payload instanceof MasternodeRegistration ? "operator" : "owner";
  }
}
