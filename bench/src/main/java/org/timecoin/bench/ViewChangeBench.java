package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.node.TimeNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench view-change}: a real devnet (loopback TCP, default timeouts); right after a block,
 * the round-0 proposer of the next height is closed, so the others must change round. The gap is
 * the time between the two blocks on a surviving node. The victim is restarted and rejoins before
 * the next kill.
 */
@Command(
    name = "view-change",
    mixinStandardHelpOptions = true,
    description = "Kill the next proposer of a real devnet; time the gap to the next block.")
public final class ViewChangeBench extends BenchCommand {
  @Option(names = "--validators", defaultValue = "4", description = "Validators in the devnet.")
  int validators;

  @Option(names = "--kills", defaultValue = "3", description = "Proposers killed, one at a time.")
  int kills;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      description = "Least time between blocks (the node default).")
  long blockIntervalMs;

  @Option(
      names = "--empty-block-interval-ms",
      defaultValue = "1000",
      description = "An empty block this often when idle, so heights keep coming.")
  long emptyBlockIntervalMs;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Option(names = "--timeout-s", defaultValue = "90", description = "Give up waiting after this.")
  long timeoutS;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Duration timeout = Duration.ofSeconds(timeoutS);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            List.of(),
            clock,
            seed)) {
      ConsensusParams params = devnet.net().genesis().params();
      progress.log("starting %d validators", validators);
      devnet.startAll();
      devnet.awaitAllAt(3, timeout);
      Samples gaps = new Samples();
      Samples normalGaps = new Samples();
      List<Integer> rounds = new ArrayList<>();
      long roundChanges = 0;
      for (int k = 0; k < kills; k++) {
        Kill kill = killNextProposer(devnet, timeout, progress);
        gaps.add(kill.gapNanos);
        if (kill.previousGapNanos >= 0) {
          normalGaps.add(kill.previousGapNanos);
        }
        rounds.add(kill.round);
        roundChanges += kill.roundChanges;
        progress.log(
            "height %d decided in round %d, %.0f ms after the previous block",
            kill.height, kill.round, kill.gapNanos / 1e6);
        devnet.start(kill.victim);
        long target = devnet.maxRunningHeight() + 2;
        devnet.awaitAllAt(target, timeout);
      }
      long limitMs = params.timeoutProposeMs() + 1_500;
      report.field("validators", validators);
      report.field("kills", kills);
      report.field("timeout_propose_ms", params.timeoutProposeMs());
      report.field("block_interval_ms", blockIntervalMs);
      report.field("empty_block_interval_ms", emptyBlockIntervalMs);
      report.figure("gap_ms", gaps.maxMs(), "ms", "proposer killed: block gap, worst");
      report.figure("gap_ms_p50", gaps.p50Ms(), "ms", "proposer killed: block gap, median");
      if (normalGaps.count() > 0) {
        report.figure(
            "normal_gap_ms_p50", normalGaps.p50Ms(), "ms", "block gap before each kill, median");
      }
      report.figure("round_changes", roundChanges, "", "round changes on a survivor");
      report.field("decided_rounds", rounds);
      report.figure("limit_ms", limitMs, "ms", "timeout_propose + 1.5 s");
      report.goalAtMost(
          "gap", "gap after a proposer kill <= timeout_propose + 1.5 s", gaps.maxMs(), limitMs);
    }
  }

  private record Kill(
      int victim,
      long height,
      int round,
      long gapNanos,
      long previousGapNanos,
      long roundChanges) {}

  /**
   * Waits for a new block, then closes the round-0 proposer of the height after it and times that
   * height on a survivor.
   */
  private Kill killNextProposer(BenchDevnet devnet, Duration timeout, Progress progress)
      throws Exception {
    int observer = 0;
    long last = devnet.height(observer) + 1;
    if (!devnet.times().await(() -> devnet.times().at(0, last) >= 0, timeout)) {
      throw new IllegalStateException("no block " + last + ":" + devnet.net().describe());
    }
    TimeNode any = devnet.net().node(observer);
    PublicKey proposer = ProposerSelector.proposer(any.chain().validators(), last + 1, 0);
    int victim = indexOf(devnet, proposer);
    devnet.net().stop(victim);
    progress.log("closed node%d, round-0 proposer of height %d", victim, last + 1);
    int survivor = victim == 0 ? 1 : 0;
    long changesBefore = devnet.net().node(survivor).consensus().status().totalRoundChanges();
    long next = last + 1;
    if (!devnet.times().await(() -> devnet.times().at(survivor, next) >= 0, timeout)) {
      throw new IllegalStateException(
          "no block " + next + " after the kill:" + devnet.net().describe());
    }
    long changes =
        devnet.net().node(survivor).consensus().status().totalRoundChanges() - changesBefore;
    Block block = devnet.times().block(next);
    long gap = devnet.times().at(survivor, next) - devnet.times().at(survivor, last);
    long before = devnet.times().at(survivor, last) - devnet.times().at(survivor, last - 1);
    return new Kill(victim, next, block.header().round(), gap, Math.max(0, before), changes);
  }

  private static int indexOf(BenchDevnet devnet, PublicKey key) {
    for (int i = 0; i < devnet.net().size(); i++) {
      TimeNode n = devnet.net().node(i);
      if (n != null && n.key().publicKey().equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException("no running node has the proposer key " + key);
  }
}
