package org.timecoin.domain.tx;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.KeyPair;

/**
 * Builds a signed transaction: add inputs with the key that owns each, add outputs, then {@link
 * #sign(Hash32)}. Not thread-safe; one builder per transaction.
 */
public final class TxBuilder {
  private final List<TxIn> inputs = new ArrayList<>();
  private final List<KeyPair> keys = new ArrayList<>();
  private final List<TxOut> outputs = new ArrayList<>();
  private int version = 1;
  private long lockTime;
  private long timestamp;

  public TxBuilder version(int v) {
    this.version = v;
    return this;
  }

  public TxBuilder lockTime(long t) {
    this.lockTime = t;
    return this;
  }

  public TxBuilder timestamp(long t) {
    this.timestamp = t;
    return this;
  }

  /** Spends {@code prev}, which must pay the address of {@code owner}. */
  public TxBuilder input(OutPoint prev, KeyPair owner) {
    inputs.add(TxIn.unsigned(prev, owner.publicKey()));
    keys.add(owner);
    return this;
  }

  public TxBuilder output(long amount, Address to) {
    outputs.add(new TxOut(amount, to));
    return this;
  }

  /** The transaction with all-zero signatures. */
  public Transaction unsigned() {
    return new Transaction(version, inputs, outputs, lockTime, timestamp);
  }

  /** The transaction with every input signed for chain {@code chainId}. */
  public Transaction sign(Hash32 chainId) {
    return TxSigner.sign(unsigned(), chainId, keys);
  }
}
