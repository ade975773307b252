package org.timecoin.node.chain;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.UtxoView;
import org.timecoin.storage.ChainStore;

/**
 * The finalized UTXO set as validation sees it. An outpoint missing from the set counts as spent
 * when the transaction that created it is in the transaction index with that output: it existed.
 */
public final class StoreUtxoView implements UtxoView {
  private final ChainStore store;
  private final Executor reads;

  /** {@code reads} runs the index lookups of the rejection path (they may touch disk). */
  public StoreUtxoView(ChainStore store, Executor reads) {
    this.store = store;
    this.reads = reads;
  }

  @Override
  public CompletableFuture<Map<OutPoint, Utxo>> getAll(Collection<OutPoint> outPoints) {
    return store.utxos().getAll(outPoints);
  }

  @Override
  public CompletableFuture<Set<OutPoint>> spent(Collection<OutPoint> missing) {
    return CompletableFuture.supplyAsync(
        () -> {
          Set<OutPoint> spent = new HashSet<>();
          for (OutPoint p : missing) {
            store
                .blocks()
                .transaction(p.txid())
                .filter(tx -> p.index() >= 0 && p.index() < tx.outputs().size())
                .ifPresent(tx -> spent.add(p));
          }
          return spent;
        },
        reads);
  }
}
