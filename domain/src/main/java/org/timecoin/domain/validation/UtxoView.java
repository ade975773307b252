package org.timecoin.domain.validation;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;

/**
 * Read access to a UTXO set (a store at its tip, or a mempool overlay). Lookups are batched and may
 * complete on another thread, so a store can serve a whole block's inputs with one multi-get off
 * the caller's thread.
 */
public interface UtxoView {
  /** The unspent outputs among {@code outPoints}; absent keys are simply missing from the map. */
  CompletableFuture<Map<OutPoint, Utxo>> getAll(Collection<OutPoint> outPoints);

  /**
   * Which of {@code missing} (outpoints {@link #getAll} did not find) did exist and were spent,
   * turning UNKNOWN_INPUT into ALREADY_SPENT. Only called on the rejection path. The default knows
   * of none.
   */
  default CompletableFuture<Set<OutPoint>> spent(Collection<OutPoint> missing) {
    return CompletableFuture.completedFuture(Set.of());
  }
}
