package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.timecoin.common.Hash32;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.Utxo;

/**
 * Validates a lone transaction (mempool admission): structure on the caller's thread, then one
 * batched lookup of its inputs, then the spend rules and its signatures on the pool. A transaction
 * whose signatures verify is recorded in the {@link SignatureCache}, so the block that later
 * includes it skips them. The result carries the fee.
 */
public final class TxValidator {
  private final Executor pool;
  private final SignatureCache cache;

  public TxValidator(Executor pool, SignatureCache cache) {
    this.pool = pool;
    this.cache = cache;
  }

  public CompletableFuture<ValidationResult> validate(
      Transaction tx, Hash32 chainId, ConsensusParams params, UtxoView view) {
    ValidationResult structure = TxRules.checkStructure(tx, params);
    if (!structure.isValid()) {
      return CompletableFuture.completedFuture(structure);
    }
    List<OutPoint> wanted = new ArrayList<>(tx.inputs().size());
    for (TxIn in : tx.inputs()) {
      wanted.add(in.prev());
    }
    return view.getAll(wanted)
        .thenComposeAsync(
            found -> {
              List<OutPoint> missing = new ArrayList<>();
              for (OutPoint op : wanted) {
                if (!found.containsKey(op)) {
                  missing.add(op);
                }
              }
              if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(
                    spendThenSign(tx, chainId, params, found, Set.of()));
              }
              return view.spent(missing)
                  .thenApplyAsync(spent -> spendThenSign(tx, chainId, params, found, spent), pool);
            },
            pool);
  }

  private ValidationResult spendThenSign(
      Transaction tx,
      Hash32 chainId,
      ConsensusParams params,
      Map<OutPoint, Utxo> found,
      Set<OutPoint> spent) {
    ValidationResult spend = TxRules.checkSpend(tx, found::get, spent, params);
    if (!spend.isValid() || cache.isVerified(tx.txid())) {
      return spend;
    }
    ValidationResult sigs = TxRules.checkSignatures(tx, chainId, cache.keys());
    if (!sigs.isValid()) {
      return sigs;
    }
    cache.markVerified(tx.txid());
    return spend;
  }
}
