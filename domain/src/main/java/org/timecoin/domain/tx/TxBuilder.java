package org.timecoin.domain.tx;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.TxPayload;

/**
 * Builds a signed transaction: add inputs with the key that owns each, add outputs, then {@link
 * #sign(Hash32)}. A registration or deregistration also names its payload and the key that signs it
 * ({@link #registration}, {@link #deregistration}); the version follows. Not thread-safe; one
 * builder per transaction.
 *
 * <p>A registration's collateral is output 0: add it first, paying {@code tier.collateral()} to the
 * address of input 0's key.
 */
public final class TxBuilder {
  private final List<TxIn> inputs = new ArrayList<>();
  private final List<KeyPair> keys = new ArrayList<>();
  private final List<TxOut> outputs = new ArrayList<>();
  private int version = 1;
  private long lockTime;
  private long timestamp;
  private TxPayload payload;
  private KeyPair payloadKey;

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

  /** Makes this a registration (version 2) of {@code operator}'s key; {@code operator} signs it. */
  public TxBuilder registration(
      Tier tier, KeyPair operator, Address rewardAddress, String networkAddress) {
    return payload(
        MasternodeRegistration.unsigned(tier, operator.publicKey(), rewardAddress, networkAddress),
        operator);
  }

  /**
   * Makes this a deregistration (version 3) of the masternode whose collateral is {@code
   * collateral}; {@code owner}, the key the collateral pays, signs it.
   */
  public TxBuilder deregistration(OutPoint collateral, KeyPair owner) {
    return payload(MasternodeDeregistration.unsigned(collateral, owner.publicKey()), owner);
  }

  /** Sets {@code p} (its signature is replaced when signing) and the version it belongs to. */
  public TxBuilder payload(TxPayload p, KeyPair signer) {
    this.payload = p;
    this.payloadKey = signer;
    this.version = p.txVersion();
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
    TxPayload p =
        payload == null ? null : payload.withSignature(new byte[TxPayload.SIGNATURE_SIZE]);
    return new Transaction(version, inputs, outputs, lockTime, timestamp, p);
  }

  /** The transaction with every input and its payload signed for chain {@code chainId}. */
  public Transaction sign(Hash32 chainId) {
    Transaction tx = TxSigner.sign(unsigned(), chainId, keys);
    return payload == null ? tx : TxSigner.signPayload(tx, chainId, payloadKey);
  }
}
