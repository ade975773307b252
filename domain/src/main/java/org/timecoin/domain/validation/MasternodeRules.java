package org.timecoin.domain.validation;

import java.util.List;
import java.util.Optional;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.RegistryOverlay;
import org.timecoin.domain.masternode.RegistryTransition;
import org.timecoin.domain.masternode.RegistryView;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;

/**
 * The masternode rules that need the registry, as pure functions over a {@link RegistryView}. A
 * block's transactions (or the mempool's) are checked one after another against a {@link
 * RegistryOverlay} that each accepted transaction updates, so a block cannot register one operator
 * key twice or deregister one masternode twice. Assumes {@link TxRules#checkStructure} passed.
 *
 * <ul>
 *   <li>Any transaction: an input may spend a registered collateral only if its masternode is in
 *       neither the current epoch's set nor the next one's; the spend deletes the record.
 *   <li>Registration: operator key not registered (nor registered earlier in the same block or
 *       mempool), collateral outpoint not registered, operator signature verifies.
 *   <li>Deregistration: the collateral is a registered masternode's, not already LEAVING, the owner
 *       key hashes to the collateral's address, the owner signature verifies.
 * </ul>
 *
 * @see RegistryTransition
 */
public final class MasternodeRules {
  private MasternodeRules() {}

  /**
   * Where the transactions are checked: the chain, the height of the block that holds them (for the
   * mempool: the tip's height + 1) and the epoch length.
   */
  public record Context(Hash32 chainId, long height, long epochBlocks) {
    /** The context of the block at {@code height} on a chain with {@code params}. */
    public static Context of(Hash32 chainId, long height, ConsensusParams params) {
      return new Context(chainId, height, params.epochBlocks());
    }
  }

  /** Checks the transactions of one block in order; a rejection names the offending tx. */
  public static ValidationResult checkBlock(
      List<Transaction> txs, RegistryView registry, Context ctx) {
    RegistryOverlay overlay = new RegistryOverlay(registry);
    for (int i = 0; i < txs.size(); i++) {
      ValidationResult r = checkAndApply(txs.get(i), overlay, ctx);
      if (!r.isValid()) {
        return r.atTx(i);
      }
    }
    return ValidationResult.ok();
  }

  /**
   * Checks {@code tx} against {@code overlay} (the registry plus the transactions accepted before
   * it) and, when it is valid, records its effect there. The mempool keeps one overlay over the
   * registry at its tip and rebuilds it when the tip moves.
   */
  public static ValidationResult checkAndApply(
      Transaction tx, RegistryOverlay overlay, Context ctx) {
    ValidationResult r = checkCollateralSpends(tx, overlay, ctx);
    if (r.isValid()) {
      // The spends happen before the payload: a registration may re-register the key whose
      // collateral it spends. Work on a copy so a rejected transaction leaves no trace.
      RegistryOverlay trial = new RegistryOverlay(overlay);
      spendCollaterals(tx, trial);
      r =
          switch (tx.payload()) {
            case null -> ValidationResult.ok();
            case MasternodeRegistration reg -> checkRegistration(tx, reg, trial, overlay, ctx);
            case MasternodeDeregistration dereg -> checkDeregistration(tx, dereg, trial, ctx);
          };
    }
    if (r.isValid()) {
      RegistryTransition.applyTransaction(overlay, tx, ctx.height());
    }
    return r;
  }

  private static ValidationResult checkCollateralSpends(
      Transaction tx, RegistryView registry, Context ctx) {
    List<TxIn> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      OutPoint prev = inputs.get(i).prev();
      Optional<MasternodeRecord> owner = registry.byCollateral(prev);
      if (owner.isEmpty()) {
        continue;
      }
      long epoch = Epochs.epochOf(ctx.height(), ctx.epochBlocks());
      ValidatorSet current = Epochs.setOf(registry, epoch);
      ValidatorSet next = Epochs.setOf(registry, epoch + 1);
      var key = owner.get().operatorKey();
      if (current.contains(key) || next.contains(key)) {
        return ValidationResult.reject(
            Rejection.COLLATERAL_LOCKED,
            "input "
                + i
                + " spends the collateral "
                + prev
                + " of masternode "
                + key
                + ", which votes in epoch "
                + (current.contains(key) ? epoch : epoch + 1)
                + "; it unlocks once the masternode is in neither the current nor the next set");
      }
    }
    return ValidationResult.ok();
  }

  private static void spendCollaterals(Transaction tx, RegistryOverlay overlay) {
    for (TxIn in : tx.inputs()) {
      overlay.byCollateral(in.prev()).ifPresent(r -> overlay.delete(r.operatorKey()));
    }
  }

  /**
   * {@code registry} is the registry after this transaction's spends; {@code before} the one before
   * them, which knows the registrations made earlier in the block or mempool.
   */
  private static ValidationResult checkRegistration(
      Transaction tx,
      MasternodeRegistration reg,
      RegistryView registry,
      RegistryOverlay before,
      Context ctx) {
    Optional<MasternodeRecord> existing = registry.byOperatorKey(reg.operatorKey());
    if (existing.isPresent() && before.registeredHere(reg.operatorKey())) {
      return ValidationResult.reject(
          Rejection.DUPLICATE_REGISTRATION,
          "operator key " + reg.operatorKey() + " is registered twice in one block or mempool");
    }
    if (existing.isPresent()) {
      return ValidationResult.reject(
          Rejection.OPERATOR_ALREADY_REGISTERED,
          "operator key "
              + reg.operatorKey()
              + " is already registered (status "
              + existing.get().status()
              + ")");
    }
    OutPoint collateral = tx.outPoint(0);
    if (registry.byCollateral(collateral).isPresent()) {
      return ValidationResult.reject(
          Rejection.COLLATERAL_ALREADY_USED,
          "collateral " + collateral + " already backs a registered masternode");
    }
    byte[] message = SigHash.operator(ctx.chainId(), tx.unsignedTxid());
    if (!reg.operatorKey().verify(message, reg.operatorSignature())) {
      return ValidationResult.reject(
          Rejection.BAD_OPERATOR_SIGNATURE,
          "operator signature does not verify under " + reg.operatorKey());
    }
    return ValidationResult.ok();
  }

  private static ValidationResult checkDeregistration(
      Transaction tx, MasternodeDeregistration dereg, RegistryView registry, Context ctx) {
    Optional<MasternodeRecord> found = registry.byCollateral(dereg.collateral());
    if (found.isEmpty()) {
      return ValidationResult.reject(
          Rejection.UNKNOWN_MASTERNODE,
          "no registered masternode has collateral " + dereg.collateral());
    }
    MasternodeRecord record = found.get();
    if (record.status() == MasternodeRecord.Status.LEAVING) {
      return ValidationResult.reject(
          Rejection.ALREADY_LEAVING,
          "masternode "
              + record.operatorKey()
              + " is already leaving (deregistered at height "
              + record.leavingHeight()
              + ")");
    }
    if (!record.owner().matches(dereg.ownerKey())) {
      return ValidationResult.reject(
          Rejection.NOT_COLLATERAL_OWNER,
          "key "
              + dereg.ownerKey()
              + " does not own collateral "
              + dereg.collateral()
              + " (paid to "
              + record.owner()
              + ")");
    }
    byte[] message = SigHash.owner(ctx.chainId(), tx.unsignedTxid());
    if (!dereg.ownerKey().verify(message, dereg.ownerSignature())) {
      return ValidationResult.reject(
          Rejection.BAD_OWNER_SIGNATURE,
          "owner signature does not verify under " + dereg.ownerKey());
    }
    return ValidationResult.ok();
  }
}
