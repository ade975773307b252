package org.timecoin.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.MetricsSection;
import org.timecoin.node.devnet.LocalDevnet;

/**
 * A {@link LocalDevnet} in a temporary directory on free loopback ports, with every node's stored
 * blocks timed in {@link FinalizationTimes}. Node logs are cut to warnings so they cost nothing.
 */
final class BenchDevnet implements AutoCloseable {
  private final TempDir dir;
  private final LocalDevnet net;
  private final FinalizationTimes times;
  private final int basePort;
  private final int spareNodes;
  private int added;

  private BenchDevnet(
      TempDir dir, LocalDevnet net, FinalizationTimes times, int basePort, int spareNodes) {
    this.dir = dir;
    this.net = net;
    this.times = times;
    this.basePort = basePort;
    this.spareNodes = spareNodes;
  }

  static BenchDevnet create(
      Path parent,
      int validators,
      Duration blockInterval,
      Duration emptyBlockInterval,
      List<TxOut> extraAllocations,
      Clock clock,
      long seed)
      throws IOException {
    return create(
        parent, validators, 1, blockInterval, emptyBlockInterval, extraAllocations, clock, seed);
  }

  /** As above, with ports kept for {@code spareNodes} nodes added later. */
  static BenchDevnet create(
      Path parent,
      int validators,
      int spareNodes,
      Duration blockInterval,
      Duration emptyBlockInterval,
      List<TxOut> extraAllocations,
      Clock clock,
      long seed)
      throws IOException {
    quietLogs();
    TempDir dir = TempDir.create(parent, "bench-devnet");
    int base =
        freePortRun(2 * validators + 2 * spareNodes + 2, new Random(seed ^ clock.monoNanos()));
    LocalDevnet net =
        LocalDevnet.create(
            dir.path(),
            validators,
            base,
            blockInterval,
            emptyBlockInterval,
            extraAllocations,
            clock);
    return new BenchDevnet(dir, net, new FinalizationTimes(clock), base, spareNodes);
  }

  LocalDevnet net() {
    return net;
  }

  FinalizationTimes times() {
    return times;
  }

  void startAll() throws Exception {
    for (int i = 0; i < net.size(); i++) {
      start(i);
    }
  }

  /** Starts node i and times the blocks it stores from now on. */
  TimeNode start(int i) throws Exception {
    TimeNode node = net.start(i);
    node.chain().addListener((block, cert) -> times.stored(i, block));
    return node;
  }

  /** Adds a full node on the next two ports kept after the validators'; returns its index. */
  int addFullNode() {
    int port = sparePorts();
    return quiet(net.addFullNode(port, port + 1));
  }

  /**
   * Adds a node with masternode mode on and a key in no set (see {@link LocalDevnet#addMasternode})
   * on the next two kept ports; returns its index.
   */
  int addMasternode() {
    int port = sparePorts();
    return quiet(net.addMasternode(port, port + 1));
  }

  /** The P2P port of node i. */
  int p2pPort(int i) {
    return net.config(i).network().port();
  }

  private int sparePorts() {
    if (added >= spareNodes) {
      throw new IllegalStateException("no ports kept for node " + (added + 1) + " added");
    }
    return basePort + 2 * (net.size() - added) + 2 * added++;
  }

  /** An added node serves no metrics: they would all want the network's default port. */
  private int quiet(int i) {
    net.changeConfig(i, c -> c.withMetrics(new MetricsSection(false, "127.0.0.1", 0)));
    return i;
  }

  long height(int i) {
    TimeNode n = net.node(i);
    return n == null ? -1 : n.chain().height();
  }

  long minRunningHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).min().orElse(-1);
  }

  long maxRunningHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).max().orElse(-1);
  }

  /** Waits until every running node is at {@code height} or above; fails with the nodes' state. */
  void awaitAllAt(long height, Duration timeout) throws InterruptedException {
    if (!times.await(() -> minRunningHeight() >= height, timeout)) {
      throw new IllegalStateException(
          "devnet did not reach height " + height + " in " + timeout + ":" + net.describe());
    }
  }

  @Override
  public void close() {
    try {
      net.close();
    } finally {
      dir.close();
    }
  }

  private static void quietLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  /** A base port b with b .. b + count - 1 free a moment ago (below the ephemeral range). */
  static int freePortRun(int count, Random random) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + random.nextInt(10_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no run of " + count + " free loopback ports");
  }

  private static boolean allFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
