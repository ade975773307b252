package org.timecoin.node.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.Timed;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.config.LoggingSection;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.devnet.LoadGenerator;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.node.mempool.Mempool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code timed devnet}: N validators in this process over loopback TCP. Prints each node's RPC
 * address, one line per finalized block and, with --load, throughput and finality every 5 s.
 */
@Command(name = "devnet", description = "Run a local network of validators in this process")
public final class DevnetCommand implements Callable<Integer> {
  @ParentCommand Timed parent;

  @Option(
      names = "--validators",
      defaultValue = "4",
      description = "Number of validators (default ${DEFAULT-VALUE})")
  int validators;

  @Option(
      names = "--load",
      paramLabel = "TPS",
      defaultValue = "0",
      description = "Submit this many signed transfers per second")
  int load;

  @Option(
      names = "--base-port",
      defaultValue = "24100",
      description = "Node i listens on base+2i (P2P) and base+2i+1 (RPC)")
  int basePort;

  @Option(
      names = "--dir",
      description = "Directory for the nodes' data (default: a new temporary directory)")
  Path dir;

  @Option(
      names = "--seconds",
      defaultValue = "0",
      description = "Stop after this many seconds (0: until Ctrl-C)")
  long seconds;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      description = "Least time between blocks")
  long blockIntervalMs;

  @Option(
      names = "--empty-block-interval-ms",
      defaultValue = "2000",
      description = "An empty block this often when idle")
  long emptyBlockIntervalMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = parent.out();
    Logging.apply(LoggingSection.of("warn", ""));
    Path root = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("timecoin-devnet");
    LoadGenerator generator = new LoadGenerator(Clock.SYSTEM);
    int coins = load > 0 ? Math.min(30_000, Math.max(1_000, load * 10)) : 0;
    List<TxOut> extra = generator.genesisAllocations(coins);
    try (LocalDevnet net =
            LocalDevnet.create(
                root,
                validators,
                basePort,
                Duration.ofMillis(blockIntervalMs),
                Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
                extra,
                Clock.SYSTEM);
        ExecutorScheduler timer = new ExecutorScheduler("devnet-timer")) {
      GenesisConfig genesis = net.genesis();
      generator.init(genesis.chainId(), genesis.params(), genesis.genesisTransaction());
      out.printf(
          "devnet of %d validators in %s (chain %s)%n", validators, root, genesis.chainName());
      out.printf(
          "chain spec: %s (another node joins with: timed --chain SPEC --home DIR)%n",
          root.resolve(ChainSpecFile.FILE_NAME));
      net.startAll();
      for (int i = 0; i < net.size(); i++) {
        TimeNode n = net.node(i);
        out.printf(
            "node%d %s p2p %s rpc %s metrics %s (time-cli --home %s)%n",
            i,
            n.key().publicKey().toHex().substring(0, 12),
            n.network().localAddress(),
            n.rpcAddress()
                .map(a -> "http://" + a.getHostString() + ":" + a.getPort() + "/")
                .orElse("(rpc module not on the class path)"),
            n.metricsAddress()
                .map(a -> "http://" + a.getHostString() + ":" + a.getPort() + "/metrics")
                .orElse("(off)"),
            net.home(i));
      }
      for (int i = 0; i < net.size(); i++) {
        int index = i;
        net.node(i)
            .stopRequested()
            .thenAccept(reason -> out.printf("node%d stopped: %s%n", index, reason));
      }
      BlockPrinter printer = new BlockPrinter(out, Clock.SYSTEM);
      net.node(0)
          .chain()
          .addListener(
              (block, cert) -> {
                printer.print(block);
                generator.onBlock(block);
              });
      ScheduledExecutorService t = timer.executor();
      if (load > 0) {
        List<Mempool> mempools = net.running().stream().map(TimeNode::mempool).toList();
        int perTick = Math.max(1, load / 100);
        long periodMicros = 1_000_000L * perTick / load;
        t.scheduleAtFixedRate(
            () -> generator.submit(perTick, mempools), 0, periodMicros, TimeUnit.MICROSECONDS);
        t.scheduleAtFixedRate(
            () -> {
              LoadGenerator.Window w = generator.takeWindow();
              out.printf(
                  "load: %.0f tx/s committed, finality p50 %d ms, p99 %d ms (target %d tx/s)%n",
                  w.committed() / 5.0, w.p50Ms(), w.p99Ms(), load);
            },
            5,
            5,
            TimeUnit.SECONDS);
      }
      CountDownLatch done = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform()
                  .unstarted(
                      () -> {
                        done.countDown();
                        net.close();
                      }));
      if (seconds > 0) {
        done.await(seconds, TimeUnit.SECONDS);
      } else {
        done.await();
      }
      t.shutdownNow();
    }
    return 0;
  }

  /** One line per finalized block: height, round, txs, proposer, time since the previous block. */
  static final class BlockPrinter {
    private final PrintWriter out;
    private final Clock clock;
    private long lastNanos = -1;

    BlockPrinter(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    synchronized void print(Block b) {
      long now = clock.monoNanos();
      String since = lastNanos < 0 ? "-" : String.format("%.3f s", (now - lastNanos) / 1e9);
      lastNanos = now;
      out.printf(
          "block %6d  round %d  txs %5d  proposer %s  +%s%n",
          b.height(),
          b.header().round(),
          b.txs().size() - 1,
          b.header().proposer().toHex().substring(0, 12),
          since);
    }
  }
}
