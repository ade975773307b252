package org.timecoin.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.timecoin.node.config.BlockSection;
import org.timecoin.node.config.RpcSection;
import org.timecoin.node.devnet.LocalDevnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench recovery}: validators in processes of their own, every link cuttable by this process
 * ({@link ProxyLinkCutter} or {@link NetnsLinkCutter}). One validator is cut off for {@code
 * --cut-s}, then two (no quorum on either side) for as long; each time the gap after the links come
 * back is measured.
 */
@Command(
    name = "recovery",
    mixinStandardHelpOptions = true,
    description =
        "Cut validators off a real multi-process devnet; time the recovery after healing.")
public final class RecoveryBench extends BenchCommand {
  private static final Duration POLL = Duration.ofMillis(10);

  @Option(names = "--validators", defaultValue = "4", description = "Validators (processes).")
  int validators;

  @Option(names = "--cut-s", defaultValue = "15", description = "How long each cut lasts.")
  long cutS;

  @Option(names = "--rounds", defaultValue = "2", description = "Cut/heal rounds of each kind.")
  int rounds;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Option(names = "--timeout-s", defaultValue = "120", description = "Give up waiting after this.")
  long timeoutS;

  @Option(
      names = "--cut-with",
      defaultValue = "proxy",
      description =
          "proxy: a cuttable TCP proxy on every link; netns: each node in a network namespace, "
              + "links cut by taking them down (root only; TCP sees real loss)")
  String cutWith;

  private NodeProcess[] nodes;
  private LinkCutter links;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    Duration timeout = Duration.ofSeconds(timeoutS);
    Duration cut = Duration.ofSeconds(cutS);
    try (TempDir tmp = TempDir.create(dir, "bench-recovery");
        LinkCutter cutter = newCutter()) {
      links = cutter;
      try {
        startDevnet(tmp, timeout, progress);
        measure(report, progress, timeout, cut);
      } finally {
        stopAll();
      }
    }
  }

  private LinkCutter newCutter() throws IOException, InterruptedException {
    return switch (cutWith) {
      case "proxy" -> new ProxyLinkCutter();
      case "netns" -> {
        if (!NetnsLinkCutter.available()) {
          throw new IllegalArgumentException("--cut-with netns needs root and iproute2");
        }
        yield NetnsLinkCutter.create(validators);
      }
      default -> throw new IllegalArgumentException("--cut-with is proxy or netns, not " + cutWith);
    };
  }

  /** Stops the processes and proxies (before the temporary directory is deleted). */
  private void stopAll() throws InterruptedException {
    if (nodes != null) {
      for (NodeProcess n : nodes) {
        if (n != null) {
          n.close();
        }
      }
    }
  }

  /** Writes the homes, routes every link through the cutter, starts the processes. */
  private void startDevnet(TempDir tmp, Duration timeout, Progress progress) throws Exception {
    int base = BenchDevnet.freePortRun(2 * validators + 4, new Random(seed ^ clock.monoNanos()));
    LocalDevnet layout =
        LocalDevnet.create(
            tmp.path(),
            validators,
            base,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            List.of(),
            clock);
    nodes = new NodeProcess[validators];
    for (int i = 0; i < validators; i++) {
      List<String> peers = new ArrayList<>();
      for (int j = 0; j < validators; j++) {
        if (i != j) {
          peers.add(links.peerAddress(i, j, base + 2 * j));
        }
      }
      String host = links.host(i);
      layout.rewriteConfig(
          i,
          c ->
              c.withNetwork(
                      c.network()
                          .withListenAddress(host)
                          .withBootstrapPeers(peers)
                          .withConnectOnly(true))
                  .withRpc(new RpcSection(true, host, c.rpc().port(), c.rpc().maxRequestBytes()))
                  .withBlock(
                      new BlockSection(
                          Duration.ofSeconds(1),
                          Duration.ofSeconds(1),
                          c.block().maxBlockBytes(),
                          c.block().maxBlockTxs())));
      nodes[i] = new NodeProcess(layout.home(i), links.launchPrefix(i), host, base + 2 * i + 1);
    }
    progress.log("starting %d validator processes", validators);
    for (NodeProcess n : nodes) {
      n.start();
    }
    awaitOrFail(() -> minHeight(all()) >= 3, timeout, "the devnet did not reach height 3");
  }

  private void measure(Report report, Progress progress, Duration timeout, Duration cut)
      throws InterruptedException {
    Samples catchUps = new Samples();
    Samples resumes = new Samples();
    Set<Integer> one = Set.of(validators - 1);
    Set<Integer> two = Set.of(validators - 2, validators - 1);
    for (int r = 0; r < rounds; r++) {
      catchUps.add(cutAndCatchUp(one, cut, timeout, progress));
      resumes.add(splitAndResume(two, cut, timeout, progress));
    }
    long forks = countForks();

    report.field("validators", validators);
    report.field("cut_s", cutS);
    report.field("rounds", rounds);
    report.figure(
        "minority_catch_up_ms", catchUps.maxMs(), "ms", "link back -> cut validator at the tip");
    report.figure("minority_catch_up_ms_p50", catchUps.p50Ms(), "ms", "the same, median");
    report.figure("resume_ms", resumes.maxMs(), "ms", "quorum restored -> next block");
    report.figure("resume_ms_p50", resumes.p50Ms(), "ms", "the same, median");
    report.figure("forks", forks, "", "heights whose block differs between nodes");
    report.goalAtMost(
        "minority_catch_up", "cut validator at the tip <= 3 s", catchUps.maxMs(), 3_000);
    report.goalAtMost("resume", "next block after quorum is back <= 3 s", resumes.maxMs(), 3_000);
    report.goalAtMost("forks", "no height finalized differently", forks, 0);
  }

  /** Cuts {@code side} off; the rest must go on. Returns the nanos from healing to caught up. */
  private long cutAndCatchUp(Set<Integer> side, Duration cut, Duration timeout, Progress progress)
      throws InterruptedException {
    Set<Integer> rest = others(side);
    long before = maxHeight(rest);
    partition(side, true);
    progress.log("cut %s off at height %d", side, before);
    pause.of(cut);
    long during = maxHeight(rest);
    long stranded = maxHeight(side);
    if (during < before + 3 || stranded >= during) {
      throw new IllegalStateException(
          "the cut did not take: rest went " + before + " -> " + during + ", cut at " + stranded);
    }
    long healed = clock.monoNanos();
    partition(side, false);
    awaitOrFail(
        () -> minHeight(side) >= maxHeight(rest), timeout, "the cut validator did not catch up");
    long gap = clock.monoNanos() - healed;
    progress.log("restored %s at height %d: at the tip after %.0f ms", side, during, gap / 1e6);
    long settle = maxHeight(all()) + 2;
    awaitOrFail(() -> minHeight(all()) >= settle, timeout, "the devnet did not settle");
    return gap;
  }

  /**
   * Splits the network with no quorum on either side. Returns the nanos from healing to a block.
   */
  private long splitAndResume(Set<Integer> side, Duration cut, Duration timeout, Progress progress)
      throws InterruptedException {
    partition(side, true);
    progress.log("split %s from %s", side, others(side));
    long atSplit = maxHeight(others(side));
    pause.of(cut);
    long stalled = maxHeight(all());
    if (maxHeight(others(side)) > atSplit + 1) {
      throw new IllegalStateException(
          "the split did not take: " + others(side) + " went " + atSplit + " -> " + stalled);
    }
    long healed = clock.monoNanos();
    partition(side, false);
    awaitOrFail(() -> maxHeight(all()) > stalled, timeout, "no block after the split healed");
    long gap = clock.monoNanos() - healed;
    progress.log("healed at height %d: next block after %.0f ms", stalled, gap / 1e6);
    awaitOrFail(() -> minHeight(all()) >= stalled + 2, timeout, "the devnet did not settle");
    return gap;
  }

  private void partition(Set<Integer> side, boolean cut) throws InterruptedException {
    try {
      links.set(side, cut);
    } catch (IOException e) {
      throw new IllegalStateException("cannot " + (cut ? "cut " : "restore ") + side, e);
    }
  }

  /** Heights at which two nodes hold different blocks, up to the lowest node's height. */
  private long countForks() {
    long common = minHeight(all());
    long forks = 0;
    for (long h = 1; h <= common; h++) {
      String first = nodes[0].blockHash(h);
      for (int i = 1; i < nodes.length; i++) {
        String other = nodes[i].blockHash(h);
        if (first == null || !first.equals(other)) {
          forks++;
          break;
        }
      }
    }
    return forks;
  }

  private Set<Integer> all() {
    return others(Set.of());
  }

  private Set<Integer> others(Set<Integer> side) {
    Set<Integer> rest = new HashSet<>();
    for (int i = 0; i < validators; i++) {
      if (!side.contains(i)) {
        rest.add(i);
      }
    }
    return rest;
  }

  private long maxHeight(Set<Integer> of) {
    return of.stream().mapToLong(i -> nodes[i].height()).max().orElse(-1);
  }

  private long minHeight(Set<Integer> of) {
    return of.stream().mapToLong(i -> nodes[i].height()).min().orElse(-1);
  }

  private void awaitOrFail(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = clock.monoNanos() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (clock.monoNanos() - deadline > 0) {
        throw new IllegalStateException(what + " within " + timeout);
      }
      pause.of(POLL);
    }
  }
}
