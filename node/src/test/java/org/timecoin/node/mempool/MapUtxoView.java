package org.timecoin.node.mempool;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.UtxoView;

/** A UTXO set in a map, with a record of spent outpoints; hooks let a test act during a read. */
class MapUtxoView implements UtxoView {
  final Map<OutPoint, Utxo> utxos = new HashMap<>();
  final Set<OutPoint> spent = new HashSet<>();
  Runnable onRead = () -> {};

  void add(Utxo u) {
    utxos.put(u.outPoint(), u);
  }

  void spend(OutPoint p) {
    utxos.remove(p);
    spent.add(p);
  }

  @Override
  public CompletableFuture<Map<OutPoint, Utxo>> getAll(Collection<OutPoint> outPoints) {
    Map<OutPoint, Utxo> out = new HashMap<>();
    for (OutPoint p : outPoints) {
      if (utxos.containsKey(p)) {
        out.put(p, utxos.get(p));
      }
    }
    Runnable hook = onRead; // runs after the read: a block lands while the reader holds old data
    onRead = () -> {};
    hook.run();
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Set<OutPoint>> spent(Collection<OutPoint> missing) {
    Set<OutPoint> s = new HashSet<>(missing);
    s.retainAll(spent);
    return CompletableFuture.completedFuture(s);
  }
}
