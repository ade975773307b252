package org.timecoin.node.fastsync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.node.chain.BlockListener;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.snapshot.SnapshotKeeper;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.snapshot.SnapshotSource;

/**
 * Keeps a snapshot every {@code interval} blocks. Told of each block on the chain writer, it only
 * pins a consistent view of the store there (cheap); the chunks are written on a thread of its own.
 * A snapshot falls on heights h with h mod interval = 1 that do not end an epoch: the sets a node
 * needs at h (its epoch's and the next) are then both named by certified headers, so a node that
 * imports the snapshot can prove them from genesis.
 */
public final class SnapshotTaker implements BlockListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotTaker.class);

  private final ChainStore store;
  private final SnapshotKeeper keeper;
  private final long interval;
  private final long epochBlocks;
  private final Clock clock;
  private final BooleanSupplier catchingUp;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("snapshot-writer").daemon().factory());
  private final AtomicBoolean writing = new AtomicBoolean();

  /**
   * @param catchingUp true while the node syncs blocks far behind its peers: a snapshot of a height
   *     the network left long ago would only cost the catch-up time, so none is taken then
   */
  public SnapshotTaker(
      ChainStore store,
      SnapshotKeeper keeper,
      long interval,
      long epochBlocks,
      Clock clock,
      BooleanSupplier catchingUp) {
    if (interval < 2) {
      throw new IllegalArgumentException("snapshot interval must be at least 2 blocks");
    }
    this.store = store;
    this.keeper = keeper;
    this.interval = interval;
    this.epochBlocks = epochBlocks;
    this.clock = clock;
    this.catchingUp = catchingUp;
  }

  /** True for the heights a snapshot is taken at (the same on every node, so offers match). */
  public static boolean isSnapshotHeight(long height, long interval, long epochBlocks) {
    return height > 1 && height % interval == 1 && !Epochs.isLastOfEpoch(height, epochBlocks);
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    if (!isSnapshotHeight(block.height(), interval, epochBlocks)) {
      return;
    }
    if (catchingUp.getAsBoolean()) {
      log.debug("no snapshot at height {}: catching up", block.height());
      return;
    }
    if (!writing.compareAndSet(false, true)) {
      log.warn(
          "snapshot at height {} skipped: the previous one is still being written", block.height());
      return;
    }
    SnapshotSource source = store.snapshotSource();
    writer.execute(() -> write(source, block.height()));
  }

  private void write(SnapshotSource source, long height) {
    try (source) {
      long start = clock.monoNanos();
      SnapshotManifest m = keeper.write(source);
      log.info(
          "kept snapshot at height {}: {} chunks, {} bytes, in {} ms",
          height,
          m.chunks().size(),
          m.totalBytes(),
          (clock.monoNanos() - start) / 1_000_000);
    } catch (RuntimeException | java.io.IOException e) {
      log.error("could not write the snapshot at height {}: {}", height, e.toString());
    } finally {
      writing.set(false);
    }
  }

  /**
   * Stops a snapshot being written (it is left half-written, and the keeper drops it when it next
   * opens) and waits for the writer to let go of its view: the store closes after this.
   */
  @Override
  public void close() {
    writer.shutdownNow();
    try {
      if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
        log.error("the snapshot writer did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
