package org.timecoin.domain.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.DecodedKeys;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.NetworkAddress;
import org.timecoin.domain.masternode.TxPayload;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** The rules of one non-coinbase transaction, as pure functions. */
public final class TxRules {
  private TxRules() {}

  /** Transaction versions: a transfer, a masternode registration, a masternode deregistration. */
  public static final int TRANSFER_VERSION = 1;

  /**
   * Checks that need nothing but the transaction: size, version, shape, duplicates, dust, overflow,
   * and the masternode payload's own rules ({@link #checkPayload}).
   */
  public static ValidationResult checkStructure(Transaction tx, ConsensusParams params) {
    if (tx.encodedSize() > params.maxTxBytes()) {
      return ValidationResult.reject(
          Rejection.OVERSIZE_TX,
          "transaction is " + tx.encodedSize() + " bytes, limit " + params.maxTxBytes());
    }
    if (tx.version() != TRANSFER_VERSION && !TxPayload.versionHasPayload(tx.version())) {
      return ValidationResult.reject(
          Rejection.UNKNOWN_TX_VERSION,
          "transaction version "
              + tx.version()
              + " is unknown (1 transfer, 2 registration, 3 deregistration)");
    }
    if (tx.inputs().isEmpty()) {
      return ValidationResult.reject(
          Rejection.NO_INPUTS, "only a block's coinbase may have no inputs");
    }
    if (tx.outputs().isEmpty()) {
      return ValidationResult.reject(Rejection.NO_OUTPUTS, "transaction has no outputs");
    }
    OutPoint duplicate = firstDuplicateInput(tx.inputs());
    if (duplicate != null) {
      return ValidationResult.reject(
          Rejection.DUPLICATE_INPUT, "outpoint " + duplicate + " spent twice");
    }
    long total = 0;
    List<TxOut> outputs = tx.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      long amount = outputs.get(i).amount();
      if (amount < params.dustLimit()) {
        return ValidationResult.reject(
            Rejection.DUST,
            "output " + i + " pays " + amount + " units, dust limit " + params.dustLimit());
      }
      total += amount;
      if (total < 0) { // both terms are >= 0, so a wrap shows up as a negative sum
        return ValidationResult.reject(Rejection.AMOUNT_OVERFLOW, "outputs total overflows");
      }
    }
    return tx.payload() == null ? ValidationResult.ok() : checkPayload(tx);
  }

  /**
   * The payload's rules that need no state: a registration names a tier other than FREE and a
   * host:port network address, its output 0 pays exactly the tier's collateral to the address of
   * input 0's key (so the collateral's owner signed it), and the payload carries a signature.
   * Assumes the transaction has inputs and outputs.
   */
  static ValidationResult checkPayload(Transaction tx) {
    TxPayload payload = tx.payload();
    if (!payload.isSigned()) {
      String role = payload instanceof MasternodeRegistration ? "operator" : "owner";
      return ValidationResult.reject(
          Rejection.MISSING_PAYLOAD_SIGNATURE, "the " + role + " signature is missing");
    }
    return switch (payload) {
      case MasternodeRegistration r -> checkRegistration(tx, r);
      case MasternodeDeregistration d -> ValidationResult.ok();
    };
  }

  private static ValidationResult checkRegistration(Transaction tx, MasternodeRegistration r) {
    if (r.tier() == Tier.FREE) {
      return ValidationResult.reject(
          Rejection.FREE_TIER_REGISTRATION,
          "tier FREE locks no collateral and cannot be registered; run a full node instead");
    }
    String addressProblem = NetworkAddress.problem(r.networkAddress());
    if (addressProblem != null) {
      return ValidationResult.reject(Rejection.BAD_NETWORK_ADDRESS, addressProblem);
    }
    TxOut collateral = tx.outputs().get(0);
    if (collateral.amount() != r.tier().collateral()) {
      return ValidationResult.reject(
          Rejection.BAD_COLLATERAL,
          "collateral (output 0) is "
              + collateral.amount()
              + " units; tier "
              + r.tier()
              + " needs exactly "
              + r.tier().collateral());
    }
    Address owner = Address.fromPublicKey(tx.inputs().get(0).pubKey());
    if (!collateral.address().equals(owner)) {
      return ValidationResult.reject(
          Rejection.BAD_COLLATERAL,
          "collateral (output 0) pays "
              + collateral.address()
              + ", not "
              + owner
              + ", the address of input 0's key");
    }
    return ValidationResult.ok();
  }

  /**
   * Checks {@code tx} against the outputs it spends and returns its fee. {@code lookup} gives the
   * UTXO of an outpoint or null; {@code knownSpent} are missing outpoints known to have been spent.
   * Assumes {@link #checkStructure} passed.
   */
  public static ValidationResult checkSpend(
      Transaction tx,
      Function<OutPoint, Utxo> lookup,
      Set<OutPoint> knownSpent,
      ConsensusParams params) {
    long in = 0;
    List<TxIn> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      TxIn input = inputs.get(i);
      Utxo utxo = lookup.apply(input.prev());
      if (utxo == null) {
        return knownSpent.contains(input.prev())
            ? ValidationResult.reject(
                Rejection.ALREADY_SPENT, "input " + i + " spends spent output " + input.prev())
            : ValidationResult.reject(
                Rejection.UNKNOWN_INPUT, "input " + i + " spends unknown output " + input.prev());
      }
      if (!utxo.address().matches(input.pubKey())) {
        return ValidationResult.reject(
            Rejection.PUBKEY_MISMATCH,
            "input " + i + " key " + input.pubKey() + " does not own " + input.prev());
      }
      in += utxo.amount();
      if (in < 0) {
        return ValidationResult.reject(Rejection.AMOUNT_OVERFLOW, "inputs total overflows");
      }
    }
    long out = tx.totalOutput(); // checkStructure proved it fits
    if (in < out) {
      return ValidationResult.reject(
          Rejection.INSUFFICIENT_FUNDS, "outputs " + out + " exceed inputs " + in);
    }
    long fee = in - out;
    long required = params.requiredFee(out);
    if (fee < required) {
      return ValidationResult.reject(
          Rejection.FEE_TOO_LOW, "fee " + fee + " below required " + required);
    }
    return ValidationResult.okWithFee(fee);
  }

  /** Verifies every input's signature for chain {@code chainId}. */
  public static ValidationResult checkSignatures(Transaction tx, Hash32 chainId) {
    return checkSignatures(tx, chainId, null);
  }

  /** As above, verifying with the decoded points {@code keys} holds (none when null). */
  public static ValidationResult checkSignatures(Transaction tx, Hash32 chainId, DecodedKeys keys) {
    byte[][] messages = SigHash.all(chainId, tx);
    List<TxIn> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      TxIn in = inputs.get(i);
      boolean valid =
          keys == null ? in.verifySignature(messages[i]) : in.verifySignature(messages[i], keys);
      if (!valid) {
        return ValidationResult.reject(
            Rejection.BAD_SIGNATURE, "signature of input " + i + " does not verify");
      }
    }
    return ValidationResult.ok();
  }

  private static OutPoint firstDuplicateInput(List<TxIn> inputs) {
    int n = inputs.size();
    if (n <= 8) {
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (inputs.get(i).prev().equals(inputs.get(j).prev())) {
            return inputs.get(i).prev();
          }
        }
      }
      return null;
    }
    Set<OutPoint> seen = new HashSet<>(n * 2);
    for (TxIn in : inputs) {
      if (!seen.add(in.prev())) {
        return in.prev();
      }
    }
    return null;
  }
}
