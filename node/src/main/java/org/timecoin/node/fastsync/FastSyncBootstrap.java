package org.timecoin.node.fastsync;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.SyncSection;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.snapshot.SnapshotManifest;

/**
 * Runs a fast sync before the node starts, when the store holds no block yet (a new node, or one
 * whose earlier fast sync was interrupted). It uses a network of its own that speaks only the fast
 * sync's requests, closed before the node's network opens on the same port.
 */
public final class FastSyncBootstrap {
  private static final Logger log = LoggerFactory.getLogger(FastSyncBootstrap.class);

  private FastSyncBootstrap() {}

  /** Opens the network a fast sync runs on (and whatever must start before it). */
  @FunctionalInterface
  public interface NetworkOpener {
    PeerNetwork open() throws Exception;
  }

  /**
   * Fast-syncs a store that holds no block yet when {@code mode} says so for this chain's age. An
   * interrupted import resumes; it is replaced by a newer snapshot when peers no longer offer its
   * own, dropped when fast sync is off, and otherwise the node refuses to start rather than throw
   * it away.
   *
   * @throws IllegalStateException when an unfinished import can neither resume nor be dropped
   */
  public static void runIfNew(
      ChainStore store,
      GenesisConfig genesis,
      SyncSection.FastSyncMode mode,
      Clock clock,
      NetworkOpener network,
      FastSync.Settings settings,
      FastSyncProgress progress)
      throws Exception {
    if (!applies(store)) {
      return;
    }
    Duration chainAge = Duration.ofMillis(Math.max(0, clock.wallMillis() - genesis.timestamp()));
    if (mode.enabledFor(chainAge)) {
      run(store, genesis, network.open(), clock, settings, progress);
    }
    Optional<SnapshotManifest> unfinished = store.chunkedImportInProgress();
    if (store.tip().isPresent() || unfinished.isEmpty()) {
      return;
    }
    if (mode == SyncSection.FastSyncMode.OFF) {
      log.warn(
          "fast sync is off: dropping the unfinished import of the snapshot at height {}; "
              + "syncing from genesis",
          unfinished.get().height());
      store.abortChunkedImport();
      return;
    }
    throw new IllegalStateException(
        "the fast sync of the snapshot at height "
            + unfinished.get().height()
            + " is unfinished ("
            + store.importedChunks().cardinality()
            + " of "
            + unfinished.get().chunks().size()
            + " chunks) and no peer serves it or a newer one now; start again to resume, or"
            + " with --no-fast-sync to drop it and replay from genesis");
  }

  /** True when the store has no block: fast sync may give it a snapshot's state. */
  public static boolean applies(ChainStore store) {
    return store.tip().isEmpty();
  }

  /** Chunk importers on a machine of {@code cores}: one per core, and two on one core. */
  static int importerCount(int cores) {
    return Math.max(2, cores);
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
    // Checking a chunk hashes every element in it: an importer per core keeps every core busy.
    ExecutorService importers =
        Executors.newFixedThreadPool(
            importerCount(Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("fast-sync-import-", 0).daemon().factory());
    try (network) {
      FastSyncLink link = new FastSyncLink(network, progress);
      link.register(lane);
      network.start();
      return new FastSync(store, genesis, link, importers, clock, settings, progress).run();
    } finally {
      importers.shutdownNow();
      lane.shutdownNow();
    }
  }
}
