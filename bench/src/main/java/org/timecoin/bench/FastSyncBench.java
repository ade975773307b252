package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;
import org.timecoin.node.config.SyncSection.FastSyncMode;
import org.timecoin.node.fastsync.FastSync;
import org.timecoin.node.fastsync.FastSyncProgress;
import org.timecoin.storage.snapshot.ChunkKind;
import org.timecoin.storage.snapshot.SnapshotKeeper;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.snapshot.SnapshotSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench fast-sync}: a certified chain of {@code --blocks} blocks, each with {@code
 * --txs-per-block} transfers of the honest load and one batch payout of {@code --payouts} outputs
 * (so the UTXO set grows to about blocks × payouts), is written into validator 0's store, with the
 * snapshot a node keeps at the last snapshot height before the tip. Validator 0 is then started
 * alone, and two fresh full nodes join it one after the other: one replays every block from
 * genesis, the other fast-syncs (proves the snapshot's header, imports its chunks, then syncs the
 * blocks after it). The figures are each one's time from start to the tip, and the import rate.
 */
@Command(
    name = "fast-sync",
    mixinStandardHelpOptions = true,
    description = "A fresh node joining a long chain: fast sync from a snapshot vs full replay.")
public final class FastSyncBench extends BenchCommand {
  @Option(names = "--blocks", defaultValue = "100000", description = "Blocks of the chain.")
  int blocks;

  @Option(names = "--txs-per-block", defaultValue = "20", description = "Transfers per block.")
  int txsPerBlock;

  @Option(
      names = "--payouts",
      defaultValue = "100",
      description = "Outputs of each block's batch payout: the UTXO set's growth per block.")
  int payouts;

  @Option(names = "--keys", defaultValue = "10000", description = "Load keys.")
  int keys;

  @Option(names = "--validators", defaultValue = "4", description = "Validators of the chain.")
  int validators;

  @Option(
      names = "--snapshot-interval",
      defaultValue = "1000",
      description = "Blocks between snapshots (the one used is the last before the tip).")
  long interval;

  @Option(
      names = "--chunks-per-peer",
      defaultValue = "4",
      description = "Chunks the fast-syncing node asks of one peer at a time (the node's default).")
  int chunksPerPeer;

  @Option(names = "--timeout-s", defaultValue = "7200", description = "Give up after this.")
  long timeoutS;

  @Option(names = "--dir", description = "Parent of the devnet's directory (default: temp).")
  Path dir;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    if (chunksPerPeer < 1) {
      throw new IllegalArgumentException(
          "--chunks-per-peer must be at least 1, not " + chunksPerPeer);
    }
    SyncChainBuilder builder =
        new SyncChainBuilder(txsPerBlock, payouts, LoadKeys.derive(seed, keys), seed);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            2,
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            builder.genesisAllocations(blocks),
            clock,
            seed)) {
      GenesisConfig genesis = devnet.net().genesis();
      long epochBlocks = genesis.params().epochBlocks();
      long snapshotHeight = lastSnapshotHeight(blocks, interval, epochBlocks);
      List<KeyPair> validatorKeys = new ArrayList<>();
      for (int i = 0; i < validators; i++) {
        validatorKeys.add(KeyPair.fromSeed(NodeKeyFile.read(devnet.net().config(i).keyFile())));
      }
      NodeConfig v0 = devnet.net().config(0);
      SnapshotKeeper keeper = new SnapshotKeeper(v0.dataDir().resolve("snapshots"), 2);
      progress.log(
          "writing %d blocks of %d transfers and a %d-output payout into node0's store,"
              + " the snapshot at %d",
          blocks, txsPerBlock, payouts, snapshotHeight);
      long buildStart = clock.monoNanos();
      long[] snapshotNanos = new long[1];
      SnapshotManifest[] manifest = new SnapshotManifest[1];
      builder.afterBlock(
          height -> {
            if (height == snapshotHeight) {
              long t = clock.monoNanos();
              try (SnapshotSource source = builder.store().snapshotSource()) {
                manifest[0] = keeper.write(source);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              snapshotNanos[0] = clock.monoNanos() - t;
              progress.log("snapshot at %d written in %.1f s", height, snapshotNanos[0] / 1e9);
            }
          });
      builder.writeInto(v0, genesis, validatorKeys, blocks, clock, progress);
      double buildS = (clock.monoNanos() - buildStart) / 1e9;
      long utxos = manifest[0].elementCount(ChunkKind.UTXOS);
      progress.log("chain written in %.1f s; %d UTXOs at the snapshot", buildS, utxos);
      devnet.start(0);
      long tip = blocks;

      int replaying = devnet.addFullNode();
      devnet
          .net()
          .changeConfig(replaying, c -> c.withSync(c.sync().withFastSync(FastSyncMode.OFF)));
      progress.log("a fresh node replays %d blocks", tip);
      double replayS = timeToTip(devnet, replaying, tip);
      devnet.net().stop(replaying);

      int fast = devnet.addFullNode();
      devnet.net().changeConfig(fast, c -> c.withSync(c.sync().withFastSync(FastSyncMode.ON)));
      devnet
          .net()
          .tuneFastSync(
              fast,
              new FastSync.Settings(
                  Duration.ofSeconds(30), Duration.ofSeconds(60), chunksPerPeer, 1));
      progress.log("a fresh node fast-syncs from the snapshot at %d", snapshotHeight);
      double fastS = timeToTip(devnet, fast, tip);
      TimeNode fastNode = devnet.net().node(fast);
      FastSyncProgress fp = fastNode.fastSyncProgress();
      if (fastNode.chain().store().baseHeight() != snapshotHeight) {
        throw new IllegalStateException(
            "the fast-syncing node did not start from the snapshot at " + snapshotHeight);
      }
      double chunksS = fp.nanosIn(FastSyncProgress.Phase.CHUNKS) / 1e9;
      double headersS = fp.nanosIn(FastSyncProgress.Phase.HEADERS) / 1e9;
      double importPerS = utxos / chunksS;

      report.field("blocks", blocks);
      report.field("txs_per_block", txsPerBlock);
      report.field("payouts_per_block", payouts);
      report.field("validators", validators);
      report.field("epoch_blocks", epochBlocks);
      report.field("snapshot_height", snapshotHeight);
      report.field("chunks_per_peer", chunksPerPeer);
      report.field("snapshot_utxos", utxos);
      report.field("snapshot_chunks", manifest[0].chunks().size());
      report.field("snapshot_bytes", manifest[0].totalBytes());
      report.field("build_s", buildS);
      report.figure("write_snapshot_s", snapshotNanos[0] / 1e9, "s", "keeping the snapshot");
      report.figure("replay_s", replayS, "s", "fresh node, replaying from genesis to the tip");
      report.figure("fast_sync_s", fastS, "s", "fresh node, fast sync to the tip");
      double phasesS = 0;
      for (FastSyncProgress.Phase phase : FastSyncProgress.Phase.values()) {
        if (phase != FastSyncProgress.Phase.DONE) {
          phasesS += fp.nanosIn(phase) / 1e9;
        }
        if (phase != FastSyncProgress.Phase.DONE
            && phase != FastSyncProgress.Phase.HEADERS
            && phase != FastSyncProgress.Phase.CHUNKS) {
          report.field("phase_" + phase.label() + "_s", fp.nanosIn(phase) / 1e9);
        }
      }
      report.field("blocks_after_snapshot_s", fastS - phasesS);
      report.figure("headers_s", headersS, "s", "proving the snapshot's header from genesis");
      report.figure("chunks_s", chunksS, "s", "fetching, checking and importing the chunks");
      report.figure("import_utxo_per_s", importPerS, "/s", "UTXOs fetched, checked, stored per s");
      double speedup = replayS / fastS;
      report.figure("speedup", speedup, "x", "replay time over fast-sync time");
      report.goalAtLeast("speedup", "fast sync >= 10x faster than replay", speedup, 10);
      report.goalAtLeast("import_utxo_per_s", "import >= 500,000 UTXOs/s", importPerS, 500_000);
    }
  }

  /** The last height a node keeps a snapshot at, at or below {@code tip}. */
  static long lastSnapshotHeight(long tip, long interval, long epochBlocks) {
    for (long h = tip; h > 1; h--) {
      if (h % interval == 1 && !Epochs.isLastOfEpoch(h, epochBlocks)) {
        return h;
      }
    }
    throw new IllegalArgumentException(
        "a chain of " + tip + " blocks has no snapshot height with interval " + interval);
  }

  /** Starts node {@code i} and returns the seconds until it stores block {@code tip}. */
  private double timeToTip(BenchDevnet devnet, int i, long tip) throws Exception {
    long start = clock.monoNanos();
    devnet.start(i);
    if (!devnet.times().await(() -> devnet.height(i) >= tip, Duration.ofSeconds(timeoutS))) {
      throw new IllegalStateException(
          "node "
              + i
              + " did not reach "
              + tip
              + " in "
              + timeoutS
              + " s:"
              + devnet.net().describe());
    }
    long at = devnet.times().at(i, tip);
    return ((at > 0 ? at : clock.monoNanos()) - start) / 1e9;
  }
}
