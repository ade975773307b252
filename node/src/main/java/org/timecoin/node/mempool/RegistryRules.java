package org.timecoin.node.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.timecoin.common.Hash32;
import org.timecoin.domain.masternode.RegistryOverlay;
import org.timecoin.domain.masternode.RegistryView;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.domain.validation.Rejection;
import org.timecoin.domain.validation.ValidationResult;

/**
 * The masternode rules of admission ({@link MasternodeRules}): registrations, deregistrations and
 * spends of registered collaterals are checked against the registry at the tip plus the waiting
 * transactions admitted before them, kept in one {@link RegistryOverlay}; so the mempool never
 * holds two registrations of one operator key or two deregistrations of one masternode. The overlay
 * is rebuilt on every committed block, and waiting transactions the block made invalid (a key
 * registered meanwhile, a collateral now locked) leave.
 *
 * <p>Other transactions cost a collateral-index look-up per input (in memory). Not thread-safe: the
 * mempool calls it under its lock.
 */
public final class RegistryRules {
  /** No registry: every transaction passes (a chain without masternode transactions, in tests). */
  public static final RegistryRules NONE = new RegistryRules(null, null, null, 1);

  private final Hash32 chainId;
  private final RegistryView registry;
  private final LongSupplier tipHeight;
  private final long epochBlocks;
  private RegistryOverlay overlay;

  private RegistryRules(
      Hash32 chainId, RegistryView registry, LongSupplier tipHeight, long epochBlocks) {
    this.chainId = chainId;
    this.registry = registry;
    this.tipHeight = tipHeight;
    this.epochBlocks = epochBlocks;
    this.overlay = registry == null ? null : new RegistryOverlay(registry);
  }

  /**
   * @param registry the registry as of the finalized tip
   * @param tipHeight the finalized tip's height: waiting transactions are checked for the next
   */
  public static RegistryRules over(
      Hash32 chainId, RegistryView registry, LongSupplier tipHeight, long epochBlocks) {
    return new RegistryRules(chainId, registry, tipHeight, epochBlocks);
  }

  /** Whether {@code tx} touches the registry: a masternode payload or a registered collateral. */
  boolean concerns(Transaction tx) {
    if (overlay == null) {
      return false;
    }
    if (tx.payload() != null) {
      return true;
    }
    for (TxIn in : tx.inputs()) {
      if (overlay.byCollateral(in.prev()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks {@code tx} against the registry and the waiting transactions and, when it passes,
   * records its effect; null when it passes, else the refusal.
   */
  AdmitResult admit(Transaction tx) {
    if (!concerns(tx)) {
      return null;
    }
    ValidationResult r = MasternodeRules.checkAndApply(tx, overlay, context());
    return r.isValid()
        ? null
        : AdmitResult.rejected(
            tx.txid(), AdmissionChecks.code(r.rejection()), r.detail(), fault(r.rejection()));
  }

  /**
   * Starts again from the registry at the new tip with the {@code waiting} transactions in
   * admission order; returns those that no longer pass.
   */
  List<Transaction> rebuild(Iterable<Transaction> waiting) {
    List<Transaction> invalid = new ArrayList<>();
    if (overlay == null) {
      return invalid;
    }
    overlay = new RegistryOverlay(registry);
    for (Transaction tx : waiting) {
      if (concerns(tx) && !MasternodeRules.checkAndApply(tx, overlay, context()).isValid()) {
        invalid.add(tx);
      }
    }
    return invalid;
  }

  private MasternodeRules.Context context() {
    return new MasternodeRules.Context(chainId, tipHeight.getAsLong() + 1, epochBlocks);
  }

  /**
   * A bad payload signature or an owner who is not the collateral's is invalid whatever the chain
   * does; the rest depends on the registry at the relayer's tip, which may differ from ours for a
   * block or across an epoch boundary.
   */
  static AdmitResult.Fault fault(Rejection r) {
    return switch (r) {
      case BAD_OPERATOR_SIGNATURE, BAD_OWNER_SIGNATURE, NOT_COLLATERAL_OWNER ->
          AdmitResult.Fault.INVALID;
      default -> AdmitResult.Fault.NONE;
    };
  }
}
