package org.timecoin.node.mempool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.UtxoView;

/**
 * Looks a transaction's inputs up in the UTXO set, in order and in growing chunks, and stops at the
 * first input that is missing or that the input's key does not own. A transaction naming thousands
 * of outputs it cannot spend so costs one small chunk of lookups, while an honest one with many
 * inputs still takes a handful of batched reads.
 */
final class InputLookup {
  /** Inputs read by the first lookup: every common transaction fits in it. */
  static final int FIRST_CHUNK = 32;

  /** Chunks double up to this many inputs. */
  static final int MAX_CHUNK = 1024;

  /**
   * The outputs found, in input order up to where the walk stopped.
   *
   * @param firstMissing the first input's outpoint that the set lacks, or null
   */
  record Found(Map<OutPoint, Utxo> utxos, OutPoint firstMissing) {}

  private final UtxoView view;
  private final LongAdder looked;

  /** {@code looked} counts the outpoints asked of the set. */
  InputLookup(UtxoView view, LongAdder looked) {
    this.view = view;
    this.looked = looked;
  }

  CompletableFuture<Found> lookUp(Transaction tx) {
    return walk(tx.inputs(), 0, FIRST_CHUNK, new HashMap<>());
  }

  private CompletableFuture<Found> walk(
      List<TxIn> inputs, int start, int chunk, Map<OutPoint, Utxo> found) {
    int end = Math.min(inputs.size(), start + chunk);
    List<OutPoint> wanted = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      wanted.add(inputs.get(i).prev());
    }
    looked.add(wanted.size());
    return view.getAll(wanted)
        .thenCompose(
            got -> {
              for (int i = start; i < end; i++) {
                TxIn in = inputs.get(i);
                Utxo utxo = got.get(in.prev());
                if (utxo == null) {
                  return CompletableFuture.completedFuture(new Found(found, in.prev()));
                }
                found.put(in.prev(), utxo);
                if (!utxo.address().matches(in.pubKey())) {
                  return CompletableFuture.completedFuture(new Found(found, null));
                }
              }
              if (end == inputs.size()) {
                return CompletableFuture.completedFuture(new Found(found, null));
              }
              return walk(inputs, end, Math.min(2 * chunk, MAX_CHUNK), found);
            });
  }
}
