package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.bench.VerifyThroughput.Limit;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.NodeKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench sync}: a certified chain of {@code --blocks} blocks of {@code --txs-per-block}
 * transfers of the honest load ({@link LoadWallet}: 1–4 inputs, 1–3 outputs between {@code --keys}
 * keys) is written into validator 0's store; validator 0 is started alone (so no new block comes),
 * then a fresh full node whose only peer it is. The figure is the time from starting the full node
 * to it storing the last block: it fetches, verifies (certificates, signatures) and applies every
 * block.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Catch-up of a fresh node over loopback TCP: blocks/s and tx/s.")
public final class SyncBench extends BenchCommand {
  @Option(
      names = "--blocks",
      defaultValue = "1000",
      description =
          "Blocks to catch up (transfers of 1-3 outputs split the load's coins: between 1,000 and"
              + " 2,000 blocks of 100 transfers they are worn down to dust).")
  int blocks;

  @Option(names = "--txs-per-block", defaultValue = "100", description = "Transfers per block.")
  int txsPerBlock;

  @Option(
      names = "--keys",
      defaultValue = "10000",
      description = "Load keys the transfers move between.")
  int keys;

  @Option(names = "--validators", defaultValue = "4", description = "Validators of the chain.")
  int validators;

  @Option(names = "--timeout-s", defaultValue = "1800", description = "Give up after this.")
  long timeoutS;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Mixin LimitOptions limitOptions;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    SyncChainBuilder builder = new SyncChainBuilder(txsPerBlock, LoadKeys.derive(seed, keys), seed);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            builder.genesisAllocations(),
            clock,
            seed)) {
      GenesisConfig genesis = devnet.net().genesis();
      List<KeyPair> validatorKeys = new ArrayList<>();
      for (int i = 0; i < validators; i++) {
        validatorKeys.add(KeyPair.fromSeed(NodeKeyFile.read(devnet.net().config(i).keyFile())));
      }
      progress.log("writing %d blocks of %d transfers into node0's store", blocks, txsPerBlock);
      long buildStart = clock.monoNanos();
      long transfers =
          builder.writeInto(
              devnet.net().config(0), genesis, validatorKeys, blocks, clock, progress);
      double buildS = (clock.monoNanos() - buildStart) / 1e9;
      long target = blocks;
      // Measured next to the catch-up, before and after it: other work on the machine changes.
      Limit before = limitOptions.measure(clock, seed, progress);
      devnet.start(0);
      int fresh = devnet.addFullNode();
      progress.log("chain written in %.1f s; starting a fresh full node", buildS);
      long start = clock.monoNanos();
      devnet.start(fresh);
      if (!devnet
          .times()
          .await(() -> devnet.height(fresh) >= target, Duration.ofSeconds(timeoutS))) {
        throw new IllegalStateException(
            "the fresh node did not catch up in " + timeoutS + " s:" + devnet.net().describe());
      }
      long doneAt = devnet.times().at(fresh, target);
      devnet.net().close();
      Limit after = limitOptions.measure(clock, seed, progress);
      double limitPerS = (before.perSecondAll() + after.perSecondAll()) / 2;
      double seconds = ((doneAt > 0 ? doneAt : clock.monoNanos()) - start) / 1e9;
      long firstAt = devnet.times().at(fresh, 1);
      double blocksPerS = blocks / seconds;
      double txPerS = transfers / seconds;
      report.field("blocks", blocks);
      report.field("txs_per_block", txsPerBlock);
      report.field("transfers", transfers);
      report.field("keys", keys);
      report.field("validators", validators);
      report.field("build_s", buildS);
      report.figure("catch_up_s", seconds, "s", "fresh node start to last block stored");
      if (firstAt > 0 && doneAt > firstAt && blocks > 1) {
        report.figure(
            "first_block_after_ms", (firstAt - start) / 1e6, "ms", "start to first block stored");
        // Without the node's start, handshake and first request: the rate once blocks flow.
        double flowingS = (doneAt - firstAt) / 1e9;
        report.figure(
            "steady_tx_per_s",
            (double) transfers * (blocks - 1) / blocks / flowingS,
            "tx/s",
            "transfers/s from the first block to the last");
      }
      report.figure("blocks_per_s", blocksPerS, "/s", "blocks caught up per second");
      report.figure("tx_per_s", txPerS, "tx/s", "transfers caught up per second");
      report.field("verify_per_s_all_before", before.perSecondAll());
      report.field("verify_per_s_all_after", after.perSecondAll());
      report.figure("verify_per_s_all", limitPerS, "/s", "Ed25519 limit, all cores (mean)");
      double ratio = txPerS / limitPerS;
      report.figure("tx_per_s_over_limit", ratio, "", "tx/s over the Ed25519 limit");
      report.goalAtLeast("catch_up", "catch-up tx/s >= 60% of the signature limit", ratio, 0.6);
    }
  }
}
