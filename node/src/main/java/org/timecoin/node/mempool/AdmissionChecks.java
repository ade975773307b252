package org.timecoin.node.mempool;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.validation.Rejection;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.TxRules;
import org.timecoin.domain.validation.UtxoView;
import org.timecoin.domain.validation.ValidationResult;

/**
 * The checks a transaction passes before it may wait in the mempool, cheapest first: its structure
 * (size, shape, duplicate inputs, dust), then its inputs in the UTXO set, stopping at the first one
 * missing or not owned by its key, then amounts and the consensus fee, then this node's fee rate,
 * and only then its signatures on the validation pool. A missing input costs one key read of the tx
 * index to tell an unknown output (perhaps not yet final here: nobody's fault) from a spent one.
 * Every refusal says whose fault it is.
 *
 * <p>Thread-safe.
 */
final class AdmissionChecks {
  /**
   * Outputs spent by recent blocks: a transaction spending one may have been valid where its
   * relayer stood a moment ago, so it costs the relayer nothing.
   */
  static final int RECENTLY_SPENT = 1 << 16;

  /** A rejection, or the fee of a transaction that passed every check. */
  record Outcome(AdmitResult rejection, long fee) {
    static Outcome passed(long fee) {
      return new Outcome(null, fee);
    }

    boolean passed() {
      return rejection == null;
    }
  }

  private final Hash32 chainId;
  private final ConsensusParams params;
  private final MempoolPolicy policy;
  private final UtxoView utxos;
  private final SignatureCache signatures;
  private final Executor validationPool;
  private final InputLookup inputs;
  private final RecentMap<OutPoint, Boolean> recentlySpent = new RecentMap<>(RECENTLY_SPENT);

  private final LongAdder inputsLookedUp = new LongAdder();
  private final LongAdder spentProbes = new LongAdder();
  private final LongAdder signatureChecks = new LongAdder();
  private final Congested congested;

  /** The congestion floor's verdict on a fee for a size: null when it passes. */
  interface Congested {
    String refusal(long fee, int size);
  }

  AdmissionChecks(
      Hash32 chainId,
      ConsensusParams params,
      MempoolPolicy policy,
      UtxoView utxos,
      SignatureCache signatures,
      Executor validationPool,
      Congested congested) {
    this.congested = congested;
    this.chainId = chainId;
    this.params = params;
    this.policy = policy;
    this.utxos = utxos;
    this.signatures = signatures;
    this.validationPool = validationPool;
    this.inputs = new InputLookup(utxos, inputsLookedUp);
  }

  /** Checks that need only the transaction; null when they pass. */
  AdmitResult checkStructure(Transaction tx) {
    ValidationResult structure = TxRules.checkStructure(tx, params);
    return structure.isValid() ? null : reject(tx.txid(), structure, null);
  }

  /**
   * Inputs, amounts, fees, then signatures; completes with a rejection or the fee. {@code wanted}
   * is asked before the lookups and again before the signatures: once false (its sender turned out
   * to be an attacker), the rest of the work is skipped.
   */
  CompletableFuture<Outcome> checkAgainstState(
      Transaction tx, BooleanSupplier wanted, boolean congestionApplies) {
    if (!wanted.getAsBoolean()) {
      return CompletableFuture.completedFuture(unwanted(tx));
    }
    return inputs
        .lookUp(tx)
        .thenCompose(
            found -> {
              OutPoint missing = found.firstMissing();
              if (missing == null) {
                return CompletableFuture.completedFuture(
                    spend(tx, found, Set.of(), congestionApplies));
              }
              spentProbes.increment();
              return utxos
                  .spent(Set.of(missing))
                  .thenApply(spent -> spend(tx, found, spent, congestionApplies));
            })
        .thenCompose(
            o -> o.passed() ? signed(tx, o.fee(), wanted) : CompletableFuture.completedFuture(o));
  }

  private static Outcome unwanted(Transaction tx) {
    return new Outcome(
        AdmitResult.rejected(
            tx.txid(), AdmitResult.UNWANTED, "its sender relayed invalid transactions"),
        0);
  }

  private Outcome spend(
      Transaction tx, InputLookup.Found found, Set<OutPoint> spent, boolean congestionApplies) {
    ValidationResult r = TxRules.checkSpend(tx, found.utxos()::get, spent, params);
    if (!r.isValid()) {
      return new Outcome(reject(tx.txid(), r, found.firstMissing()), 0);
    }
    int size = tx.encodedSize();
    if (!policy.paysFeeRate(r.fee(), size)) {
      return new Outcome(
          AdmitResult.rejected(
              tx.txid(),
              AdmitResult.FEE_RATE_TOO_LOW,
              "fee "
                  + r.fee()
                  + " for "
                  + size
                  + " bytes is below this node's "
                  + policy.minFeeRate()
                  + " units per byte ("
                  + policy.requiredFee(size)
                  + ")"),
          0);
    }
    String congestedBy = congestionApplies ? congested.refusal(r.fee(), size) : null;
    if (congestedBy != null) {
      return new Outcome(AdmitResult.rejected(tx.txid(), AdmitResult.CONGESTED, congestedBy), 0);
    }
    return Outcome.passed(r.fee());
  }

  private CompletableFuture<Outcome> signed(Transaction tx, long fee, BooleanSupplier wanted) {
    Hash32 txid = tx.txid();
    if (signatures.isVerified(txid)) {
      return CompletableFuture.completedFuture(Outcome.passed(fee));
    }
    try {
      return CompletableFuture.supplyAsync(() -> verify(tx, fee, wanted), validationPool);
    } catch (RejectedExecutionException e) {
      // the pool's queue is full: refusing now keeps admission latency bounded
      return CompletableFuture.completedFuture(
          new Outcome(
              AdmitResult.rejected(
                  txid,
                  AdmitResult.BUSY,
                  "too many transactions wait for signature checks; resubmit later"),
              0));
    }
  }

  private Outcome verify(Transaction tx, long fee, BooleanSupplier wanted) {
    if (signatures.isVerified(tx.txid())) {
      return Outcome.passed(fee); // a block's validation verified it while this waited
    }
    if (!wanted.getAsBoolean()) {
      return unwanted(tx); // asked again here: its sender may have been caught while this waited
    }
    signatureChecks.increment();
    ValidationResult r = TxRules.checkSignatures(tx, chainId, signatures.keys());
    if (!r.isValid()) {
      return new Outcome(reject(tx.txid(), r, null), 0);
    }
    signatures.markVerified(tx.txid());
    return Outcome.passed(fee);
  }

  /** Remembers the outputs a committed block spent. */
  void spentByBlock(Transaction tx) {
    for (TxIn in : tx.inputs()) {
      recentlySpent.put(in.prev(), Boolean.TRUE);
    }
  }

  private AdmitResult reject(Hash32 txid, ValidationResult r, OutPoint missing) {
    return AdmitResult.rejected(
        txid, code(r.rejection()), r.detail(), fault(r.rejection(), missing));
  }

  private AdmitResult.Fault fault(Rejection r, OutPoint missing) {
    return switch (r) {
      case UNKNOWN_INPUT -> AdmitResult.Fault.NONE;
      case ALREADY_SPENT ->
          missing == null || recentlySpent.containsKey(missing)
              ? AdmitResult.Fault.NONE
              : AdmitResult.Fault.SPENDS_SPENT;
      default -> AdmitResult.Fault.INVALID;
    };
  }

  /** {@code FEE_TOO_LOW} → {@code fee-too-low}. */
  static String code(Rejection r) {
    return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Outpoints asked of the UTXO set so far. */
  long inputsLookedUp() {
    return inputsLookedUp.sum();
  }

  /** Missing inputs checked against the tx index so far (at most one per transaction). */
  long spentProbes() {
    return spentProbes.sum();
  }

  /** Transactions whose signatures were verified so far. */
  long signatureChecks() {
    return signatureChecks.sum();
  }
}
