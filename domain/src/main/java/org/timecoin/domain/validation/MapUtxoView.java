package org.timecoin.domain.validation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;

/**
 * An immutable in-memory {@link UtxoView} whose lookups complete at once: for tests, fixtures and
 * small overlays. {@code spent} lists outpoints known to have been spent.
 */
public final class MapUtxoView implements UtxoView {
  private final Map<OutPoint, Utxo> utxos;
  private final Set<OutPoint> spent;

  public MapUtxoView(Map<OutPoint, Utxo> utxos, Set<OutPoint> spent) {
    this.utxos = Map.copyOf(utxos);
    this.spent = Set.copyOf(spent);
  }

  public static MapUtxoView of(Collection<Utxo> utxos) {
    Map<OutPoint, Utxo> map = new HashMap<>();
    for (Utxo u : utxos) {
      map.put(u.outPoint(), u);
    }
    return new MapUtxoView(map, Set.of());
  }

  @Override
  public CompletableFuture<Map<OutPoint, Utxo>> getAll(Collection<OutPoint> outPoints) {
    Map<OutPoint, Utxo> found = new HashMap<>(outPoints.size() * 2);
    for (OutPoint op : outPoints) {
      Utxo u = utxos.get(op);
      if (u != null) {
        found.put(op, u);
      }
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletableFuture<Set<OutPoint>> spent(Collection<OutPoint> missing) {
    return CompletableFuture.completedFuture(
        Set.copyOf(missing.stream().filter(spent::contains).toList()));
  }
}
