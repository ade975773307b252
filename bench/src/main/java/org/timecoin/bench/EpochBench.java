package org.timecoin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.devnet.LoadGenerator;
import org.timecoin.node.mempool.AdmitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench epoch}: genesis validators and masternode nodes in this JVM over loopback TCP, under
 * a steady load of signed transfers (the node's {@link LoadGenerator}, all submitted to node 0);
 * the masternodes register as Bronze in equal groups at the start of successive epochs and enter
 * the set two epochs after their registration. Measures each block interval at an epoch boundary
 * where the set changed against the other intervals, the committed rate over the whole run, and a
 * fresh full node syncing the chain across the changes.
 */
@Command(
    name = "epoch",
    mixinStandardHelpOptions = true,
    description = "Set changes under load: boundary block gap, committed tx/s, sync across them.")
public final class EpochBench extends BenchCommand {
  private static final long FEE = Amounts.ofTime(2);

  @Option(names = "--validators", defaultValue = "4", description = "Genesis validators.")
  int validators;

  @Option(names = "--masternodes", defaultValue = "12", description = "Masternodes registering.")
  int masternodes;

  @Option(
      names = "--registration-epochs",
      defaultValue = "3",
      description = "Epochs over which the masternodes register, in equal groups.")
  int registrationEpochs;

  @Option(names = "--load", defaultValue = "1000", description = "Transfers submitted per second.")
  int load;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      description = "Least time between blocks (the node default).")
  long blockIntervalMs;

  @Option(
      names = "--empty-block-interval-ms",
      defaultValue = "2000",
      description = "An empty block this often when idle.")
  long emptyBlockIntervalMs;

  @Option(names = "--timeout-s", defaultValue = "1200", description = "Give up after this.")
  long timeoutS;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    LoadGenerator generator = new LoadGenerator(clock);
    int coins = (int) Math.min(60_000, Math.max(1_000, load * 10L));
    List<TxOut> extra = new ArrayList<>(generator.genesisAllocations(coins));
    List<KeyPair> owners = new ArrayList<>();
    for (int i = 0; i < masternodes; i++) {
      KeyPair owner = KeyPair.fromSeed(Sha256.digest(("epoch bench owner " + i).getBytes()));
      owners.add(owner);
      extra.add(
          new TxOut(Tier.BRONZE.collateral() + FEE, Address.fromPublicKey(owner.publicKey())));
    }
    Duration timeout = Duration.ofSeconds(timeoutS);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            masternodes + 1,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            extra,
            clock,
            seed)) {
      GenesisConfig genesis = devnet.net().genesis();
      generator.init(genesis.chainId(), genesis.params(), genesis.genesisTransaction());
      List<Integer> mns = new ArrayList<>();
      for (int i = 0; i < masternodes; i++) {
        mns.add(devnet.addMasternode());
      }
      progress.log("starting %d validators and %d masternode nodes", validators, masternodes);
      for (int i = 0; i < validators + masternodes; i++) {
        devnet.start(i);
      }
      LocalChain chain = devnet.net().node(0).chain();
      chain.addListener((block, cert) -> generator.onBlock(block));
      devnet.awaitAllAt(1, Duration.ofSeconds(120));
      int perTick = Math.max(1, load / 100);
      long periodMicros = 1_000_000L * perTick / load;
      var loadTask =
          timer.scheduleAtFixedRate(
              () -> generator.submit(perTick, List.of(devnet.net().node(0).mempool())),
              0,
              periodMicros,
              TimeUnit.MICROSECONDS);
      generator.takeWindow();
      long fromHeight = chain.height() + 1;
      long start = clock.monoNanos();
      registerInGroups(devnet, chain, genesis, owners, mns, progress, timeout);
      int full = validators + masternodes;
      progress.log("waiting for a set of %d", full);
      long[] lastLine = {clock.monoNanos()};
      if (!devnet
          .times()
          .await(
              () -> {
                if (clock.monoNanos() - lastLine[0] > 10_000_000_000L) {
                  lastLine[0] = clock.monoNanos();
                  progress.log("%s", registryLine(chain));
                }
                return chain.validatorsAt(chain.height()).size() == full;
              },
              timeout)) {
        throw new IllegalStateException(
            "the set never held every masternode: " + registryLine(chain));
      }
      long entered = chain.height();
      devnet.awaitAllAt(entered + 3, timeout);
      LoadGenerator.Window window = generator.takeWindow();
      double seconds = (clock.monoNanos() - start) / 1e9;
      loadTask.cancel(false);
      long toHeight = entered + 3;
      reportGaps(report, devnet, chain, fromHeight, toHeight);
      report.field("validators", validators);
      report.field("masternodes", masternodes);
      report.field("load_tps", load);
      report.field("seconds", seconds);
      report.field("heights", toHeight - fromHeight + 1);
      report.field("load_generator", "node LoadGenerator, in-process, submitted to node0");
      report.figure("committed_tps", window.committed() / seconds, "tx/s", "committed transfers/s");
      report.figure("finality_ms_p99", window.p99Ms(), "ms", "submit to final on node0, p99");
      measureSync(report, devnet, chain, progress, timeout);
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Node 0's height, set size and masternode records by status. */
  private static String registryLine(LocalChain chain) {
    java.util.Map<String, Integer> byStatus = new java.util.TreeMap<>();
    chain.registry().forEachRecord(r -> byStatus.merge(r.status().name(), 1, Integer::sum));
    long h = chain.height();
    return "height " + h + ", set of " + chain.validatorsAt(h).size() + ", records " + byStatus;
  }

  /** Registers the masternodes in equal groups at the start of successive epochs. */
  private void registerInGroups(
      BenchDevnet devnet,
      LocalChain chain,
      GenesisConfig genesis,
      List<KeyPair> owners,
      List<Integer> mns,
      Progress progress,
      Duration timeout)
      throws InterruptedException {
    long e = genesis.params().epochBlocks();
    long epoch = (chain.height() - 1) / e + 1;
    int next = 0;
    for (int g = 0; g < registrationEpochs; g++) {
      long at = (epoch + g) * e + 2;
      devnet.awaitAllAt(at, timeout);
      int end = (int) ((long) masternodes * (g + 1) / registrationEpochs);
      progress.log("epoch %d: registering masternodes %d..%d", epoch + g, next, end - 1);
      for (; next < end; next++) {
        int node = mns.get(next);
        Transaction reg =
            registration(
                genesis,
                owners.get(next),
                devnet.net().nodeKey(node),
                "127.0.0.1:" + devnet.p2pPort(node));
        submitUntilAdmitted(devnet, reg, next, timeout);
      }
    }
  }

  /**
   * Submits a registration to node 0 as a wallet would: a busy mempool (the load fills its
   * signature queue) is asked again a little later; any other refusal ends the run.
   */
  private void submitUntilAdmitted(BenchDevnet devnet, Transaction reg, int index, Duration timeout)
      throws InterruptedException {
    long deadline = clock.monoNanos() + timeout.toNanos();
    while (true) {
      AdmitResult r = devnet.net().node(0).mempool().submit(reg).join();
      if (r.admitted()) {
        return;
      }
      if (!AdmitResult.BUSY.equals(r.code()) || clock.monoNanos() > deadline) {
        throw new IllegalStateException("registration " + index + " refused: " + r);
      }
      pause.of(Duration.ofMillis(50));
    }
  }

  private static Transaction registration(
      GenesisConfig genesis, KeyPair owner, KeyPair operator, String networkAddress) {
    Address ownerAddress = Address.fromPublicKey(owner.publicKey());
    Transaction g = genesis.genesisTransaction();
    OutPoint funds = null;
    for (int i = 0; i < g.outputs().size(); i++) {
      if (g.outputs().get(i).address().equals(ownerAddress)) {
        funds = g.outPoint(i);
      }
    }
    return new TxBuilder()
        .input(funds, owner)
        .output(Tier.BRONZE.collateral(), ownerAddress)
        .registration(Tier.BRONZE, operator, ownerAddress, networkAddress)
        .sign(genesis.chainId());
  }

  /** Node 0's block intervals at the boundaries where the set changed, and elsewhere. */
  private static void reportGaps(
      Report report, BenchDevnet devnet, LocalChain chain, long from, long to) {
    Samples boundary = new Samples();
    Samples normal = new Samples();
    for (long h = from + 1; h <= to; h++) {
      long before = devnet.times().at(0, h - 1);
      long at = devnet.times().at(0, h);
      if (before < 0 || at < 0) {
        continue;
      }
      long interval = at - before;
      if (!chain.validatorsAt(h).equals(chain.validatorsAt(h - 1))) {
        boundary.add(interval);
      } else {
        normal.add(interval);
      }
    }
    if (boundary.count() == 0) {
      throw new IllegalStateException("no set change between heights " + from + " and " + to);
    }
    double normalP50 = normal.p50Ms();
    report.field("set_changes", boundary.count());
    report.figure(
        "epoch_change_gap_ms", boundary.maxMs(), "ms", "block interval at a set change, worst");
    report.figure(
        "epoch_change_gap_ms_p50", boundary.p50Ms(), "ms", "block interval at a set change, p50");
    report.figure("normal_interval_ms_p50", normalP50, "ms", "other block intervals, p50");
    report.figure("normal_interval_ms_p99", normal.p99Ms(), "ms", "other block intervals, p99");
    report.goalAtMost(
        "epoch_change_gap",
        "interval at a set change <= normal p50 + 100 ms",
        boundary.maxMs(),
        normalP50 + 100);
  }

  /** A fresh full node syncs from genesis to node 0's height, checking every certificate. */
  private void measureSync(
      Report report, BenchDevnet devnet, LocalChain chain, Progress progress, Duration timeout)
      throws Exception {
    int fresh = devnet.addFullNode();
    long target = chain.height();
    progress.log("a fresh full node syncs %d blocks", target);
    long start = clock.monoNanos();
    devnet.start(fresh);
    if (!devnet.times().await(() -> devnet.height(fresh) >= target, timeout)) {
      throw new IllegalStateException(
          "the fresh node did not sync to " + target + ":" + devnet.net().describe());
    }
    long doneAt = devnet.times().at(fresh, target);
    double seconds = ((doneAt > 0 ? doneAt : clock.monoNanos()) - start) / 1e9;
    report.field("sync_blocks", target);
    report.figure("sync_s", seconds, "s", "fresh node start to the last block stored");
    report.figure(
        "sync_verify_blocks_per_s",
        target / seconds,
        "/s",
        "blocks synced and verified per second");
  }
}
