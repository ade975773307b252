package org.timecoin.node.fastsync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.storage.ChainStore;

/**
 * Runs a fast sync before the node starts, when the store holds no block yet (a new node, or one
 * whose earlier fast sync was interrupted). It uses a network of its own that speaks only the fast
 * sync's requests, closed before the node's network opens on the same port.
 */
public final class FastSyncBootstrap {
  private FastSyncBootstrap() {}

  /** True when the store has no block: fast sync may give it a snapshot's state. */
  public static boolean applies(ChainStore store) {
    return store.tip().isEmpty();
  }

  /**
   * Fast-syncs {@code store} over {@code network} (not yet started; closed here).
   *
   * @return what came of it; the store is untouched when no snapshot was usable, apart from an
   *     earlier interrupted import that a newer snapshot replaced
   */
  public static FastSync.Outcome run(
      ChainStore store,
      GenesisConfig genesis,
      PeerNetwork network,
      Clock clock,
      FastSync.Settings settings,
      FastSyncProgress progress)
      throws InterruptedException {
    ExecutorService lane =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("fast-sync-lane").daemon().factory());
    // Checking a chunk hashes every element in it: two importers keep two cores busy.
    ExecutorService importers =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("fast-sync-import-", 0).daemon().factory());
    try (network) {
      FastSyncLink link = new FastSyncLink(network);
      link.register(lane);
      network.start();
      return new FastSync(store, genesis, link, importers, clock, settings, progress).run();
    } finally {
      importers.shutdownNow();
      lane.shutdownNow();
    }
  }
}
