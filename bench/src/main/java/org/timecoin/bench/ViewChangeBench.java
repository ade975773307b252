package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NodeKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench view-change}: validators each in a process of their own (loopback TCP, default
 * timeouts); right after a block, the process of the next height's round-0 proposer is killed with
 * SIGKILL, so the others must change round. A kill counts only when the next block was decided in
 * round 1 or later (otherwise the proposal was out before the kill). The gap is the time between
 * the two blocks on a survivor, read over RPC every {@code --sample-ms}. The victim is restarted
 * and catches up before the next kill.
 */
@Command(
    name = "view-change",
    mixinStandardHelpOptions = true,
    description = "SIGKILL the next proposer of a real devnet; time the gap to the next block.")
public final class ViewChangeBench extends BenchCommand {
  private static final int MIN_SAMPLES = 20;

  @Option(names = "--validators", defaultValue = "4", description = "Validators (processes).")
  int validators;

  @Option(
      names = "--kills",
      defaultValue = "20",
      description = "Kills to count (each followed by a round >= 1 block); the goal needs 20.")
  int kills;

  @Option(
      names = "--max-attempts",
      defaultValue = "40",
      description = "Kills tried at most (a kill after the proposal went out does not count).")
  int maxAttempts;

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
      names = "--sample-ms",
      defaultValue = "10",
      description = "How often every node's height is read over RPC.")
  long sampleMs;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Option(names = "--timeout-s", defaultValue = "180", description = "Give up waiting after this.")
  long timeoutS;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Duration timeout = Duration.ofSeconds(timeoutS);
    try (ProcessDevnet devnet =
        ProcessDevnet.create(
            dir,
            validators,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            List.of(),
            clock,
            seed)) {
      ConsensusParams params = devnet.genesis().params();
      ValidatorSet set = devnet.genesis().validatorSet();
      List<PublicKey> nodeKeys = nodeKeys(devnet);
      progress.log("starting %d validator processes", validators);
      devnet.startAll(Duration.ofMillis(sampleMs));
      devnet.awaitAllAt(3, timeout);
      Samples gaps = new Samples();
      Samples normalGaps = new Samples();
      List<Integer> rounds = new ArrayList<>();
      int attempts = 0;
      int tooLate = 0;
      while (gaps.count() < kills && attempts < maxAttempts) {
        attempts++;
        Kill kill = killNextProposer(devnet, set, nodeKeys, timeout, progress);
        if (kill.round() < 1 || kill.late()) {
          tooLate++;
          progress.log(
              "height %d decided in round %d before the kill took effect: not counted",
              kill.height(), kill.round());
        } else {
          gaps.add(kill.gapNanos());
          rounds.add(kill.round());
          if (kill.previousGapNanos() > 0) {
            normalGaps.add(kill.previousGapNanos());
          }
          progress.log(
              "kill %d: height %d decided in round %d, %.0f ms after the previous block",
              gaps.count(), kill.height(), kill.round(), kill.gapNanos() / 1e6);
        }
        devnet.start(kill.victim());
        devnet.awaitAllAt(devnet.maxRunningHeight() + 2, timeout);
      }
      report.field("attempts", attempts);
      report.field("kills_too_late", tooLate);
      report.field("decided_rounds", rounds);
      reportGaps(report, params, gaps, normalGaps);
    }
  }

  private void reportGaps(Report report, ConsensusParams params, Samples gaps, Samples normalGaps) {
    long limitMs = params.timeoutProposeMs() + 1_500;
    report.field("validators", validators);
    report.field("kills", gaps.count());
    report.field("timeout_propose_ms", params.timeoutProposeMs());
    report.field("block_interval_ms", blockIntervalMs);
    report.field("empty_block_interval_ms", emptyBlockIntervalMs);
    report.field("sample_ms", sampleMs);
    double worst = gaps.count() == 0 ? Double.NaN : gaps.maxMs();
    report.figure("gap_ms", worst, "ms", "proposer killed: block gap, worst");
    report.figure(
        "gap_ms_p50", gaps.count() == 0 ? Double.NaN : gaps.p50Ms(), "ms", "block gap, median");
    if (normalGaps.count() > 0) {
      report.figure(
          "normal_gap_ms_p50", normalGaps.p50Ms(), "ms", "block gap before each kill, median");
    }
    report.figure("limit_ms", limitMs, "ms", "timeout_propose + 1.5 s");
    report.goalAtLeast("samples", "at least 20 counted kills", gaps.count(), MIN_SAMPLES);
    report.goalAtMost(
        "gap", "gap after a proposer kill <= timeout_propose + 1.5 s", worst, limitMs);
  }

  /**
   * @param late the next block was seen before the kill: the proposal had left, not counted
   */
  private record Kill(
      int victim, long height, int round, long gapNanos, long previousGapNanos, boolean late) {}

  /**
   * Waits until every node, the last victim included, is at one fresh height; then SIGKILLs the
   * round-0 proposer of the height after it and times that height on a survivor. The round comes
   * from the block itself.
   */
  private Kill killNextProposer(
      ProcessDevnet devnet,
      ValidatorSet set,
      List<PublicKey> nodeKeys,
      Duration timeout,
      Progress progress)
      throws Exception {
    long seen;
    do {
      long target = devnet.maxRunningHeight() + 1;
      await(devnet, () -> devnet.minRunningHeight() >= target, timeout, "no block " + target);
      seen = devnet.minRunningHeight();
    } while (devnet.maxRunningHeight() != seen);
    int victim = nodeKeys.indexOf(ProposerSelector.proposer(set, seen + 1, 0));
    int observer = victim == 0 ? 1 : 0;
    long killedAt = clock.monoNanos();
    devnet.kill(victim);
    long next = seen + 1;
    progress.log("SIGKILLed node%d, round-0 proposer of height %d", victim, next);
    await(
        devnet,
        () -> devnet.height(observer) >= next,
        timeout,
        "no block " + next + " after the kill");
    JsonNode block = devnet.block(observer, next);
    FinalizationTimes t = devnet.times();
    long gap = t.at(observer, next) - t.at(observer, seen);
    long before =
        t.at(observer, seen - 1) < 0 ? -1 : t.at(observer, seen) - t.at(observer, seen - 1);
    boolean late = t.at(observer, next) <= killedAt;
    return new Kill(victim, next, block.path("round").asInt(-1), gap, before, late);
  }

  private static void await(
      ProcessDevnet devnet,
      java.util.function.BooleanSupplier condition,
      Duration timeout,
      String what)
      throws InterruptedException {
    if (!devnet.times().await(condition, timeout)) {
      throw new IllegalStateException(what + " in " + timeout + ": " + devnet.describe());
    }
  }

  private static List<PublicKey> nodeKeys(ProcessDevnet devnet) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < devnet.size(); i++) {
      var config = ConfigLoader.load(devnet.home(i).resolve("config.toml"));
      keys.add(KeyPair.fromSeed(NodeKeyFile.read(config.keyFile())).publicKey());
    }
    return keys;
  }
}
