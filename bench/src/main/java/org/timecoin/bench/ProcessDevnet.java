package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;
import org.timecoin.bench.JsonRpcBatch.Answer;
import org.timecoin.bench.JsonRpcBatch.Call;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.config.BlockSection;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * A devnet whose validators each run in a process of their own ({@code timed} from this class
 * path), on free loopback ports in a temporary directory. Heights are read over JSON-RPC every
 * {@code --sample-ms} and timed in {@link FinalizationTimes}; {@link #kill} is SIGKILL.
 */
final class ProcessDevnet implements AutoCloseable {
  private final TempDir dir;
  private final LocalDevnet layout;
  private final NodeProcess[] nodes;
  private final int basePort;
  private final Clock clock;
  private final FinalizationTimes times;
  private final JsonRpcBatch[] clients;
  private final boolean[] asking;
  private final AtomicLongArray heights;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
  private boolean closed;

  private ProcessDevnet(TempDir dir, LocalDevnet layout, int basePort, Clock clock) {
    this.dir = dir;
    this.layout = layout;
    this.basePort = basePort;
    this.clock = clock;
    this.times = new FinalizationTimes(clock);
    int n = layout.size();
    this.nodes = new NodeProcess[n];
    this.clients = new JsonRpcBatch[n];
    this.asking = new boolean[n];
    this.heights = new AtomicLongArray(n);
    for (int i = 0; i < n; i++) {
      heights.set(i, -1);
      nodes[i] = new NodeProcess(layout.home(i), List.of(), "127.0.0.1", rpcPort(i));
    }
  }

  /** Writes the homes with this block pacing and these extra genesis allocations. */
  static ProcessDevnet create(
      Path parent,
      int validators,
      Duration blockInterval,
      Duration emptyBlockInterval,
      List<TxOut> extraAllocations,
      Clock clock,
      long seed)
      throws IOException {
    return create(
        parent,
        validators,
        blockInterval,
        emptyBlockInterval,
        extraAllocations,
        UnaryOperator.identity(),
        clock,
        seed);
  }

  /** As above, with {@code change} applied to every node's configuration. */
  static ProcessDevnet create(
      Path parent,
      int validators,
      Duration blockInterval,
      Duration emptyBlockInterval,
      List<TxOut> extraAllocations,
      UnaryOperator<NodeConfig> change,
      Clock clock,
      long seed)
      throws IOException {
    TempDir dir = TempDir.create(parent, "bench-devnet");
    // P2P and RPC 2 per node, then one metrics port per node.
    int base = BenchDevnet.freePortRun(3 * validators + 2, new Random(seed ^ clock.monoNanos()));
    LocalDevnet layout =
        LocalDevnet.create(
            dir.path(),
            validators,
            base,
            blockInterval,
            emptyBlockInterval,
            extraAllocations,
            clock);
    for (int i = 0; i < validators; i++) {
      layout.rewriteConfig(
          i,
          c ->
              change.apply(
                  c.withBlock(
                      new BlockSection(
                          blockInterval,
                          emptyBlockInterval,
                          c.block().maxBlockBytes(),
                          c.block().maxBlockTxs()))));
    }
    return new ProcessDevnet(dir, layout, base, clock);
  }

  int size() {
    return nodes.length;
  }

  GenesisConfig genesis() {
    return layout.genesis();
  }

  Path genesisFile() {
    return layout.config(0).genesisFile();
  }

  URI rpcUri(int i) {
    return URI.create("http://127.0.0.1:" + rpcPort(i) + "/");
  }

  Path cookie(int i) {
    return layout.rpcCookie(i);
  }

  Path home(int i) {
    return layout.home(i);
  }

  FinalizationTimes times() {
    return times;
  }

  /** Node i's Prometheus endpoint (the devnet layout puts the metrics ports after P2P and RPC). */
  URI metricsUri(int i) {
    return URI.create("http://127.0.0.1:" + (basePort + 2 * nodes.length + i) + "/metrics");
  }

  /** CPU time every running node's process used so far, summed. */
  Duration cpu() {
    Duration sum = Duration.ZERO;
    for (NodeProcess n : nodes) {
      if (n.isAlive()) {
        sum = sum.plus(n.cpu());
      }
    }
    return sum;
  }

  /** Bytes every running node wrote to its peers so far, summed over the nodes. */
  NodeCounters counters() throws IOException, InterruptedException {
    NodeCounters sum = NodeCounters.none();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i].isAlive()) {
        sum = sum.plus(NodeCounters.scrape(metricsUri(i)));
      }
    }
    return sum;
  }

  private int rpcPort(int i) {
    return basePort + 2 * i + 1;
  }

  /** Starts every node and polls their heights every {@code sample}. */
  void startAll(Duration sample) throws IOException {
    for (int i = 0; i < nodes.length; i++) {
      start(i);
    }
    watcher.scheduleAtFixedRate(this::sample, 0, sample.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void start(int i) throws IOException {
    // The node writes a new cookie at each start: never read the last run's.
    Files.deleteIfExists(cookie(i));
    clients[i] = null;
    nodes[i].start();
  }

  /** SIGKILL: the node gets no chance to close anything. */
  void kill(int i) throws InterruptedException {
    nodes[i].kill();
    synchronized (this) {
      clients[i] = null;
      heights.set(i, -1);
    }
  }

  boolean isAlive(int i) {
    return nodes[i].isAlive();
  }

  /** The height node i had at the last poll, or -1 when it did not answer (or is down). */
  long height(int i) {
    return heights.get(i);
  }

  long minRunningHeight() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i].isAlive()) {
        min = Math.min(min, heights.get(i));
      }
    }
    return min == Long.MAX_VALUE ? -1 : min;
  }

  long maxRunningHeight() {
    long max = -1;
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i].isAlive()) {
        max = Math.max(max, heights.get(i));
      }
    }
    return max;
  }

  /** Waits until every running node is at {@code height} or above; fails naming the heights. */
  void awaitAllAt(long height, Duration timeout) throws InterruptedException {
    if (!times.await(() -> minRunningHeight() >= height, timeout)) {
      throw new IllegalStateException(
          "devnet did not reach height " + height + " in " + timeout + ": " + describe());
    }
  }

  /** {@code getblock height 1} on node i (header fields and txids). */
  JsonNode block(int i, long height) throws Exception {
    JsonRpcBatch c = client(i);
    if (c == null) {
      throw new IllegalStateException("node" + i + " has no RPC cookie yet");
    }
    Answer a =
        c.send(List.of(new Call("getblock", List.of(height, 1)))).get(10, TimeUnit.SECONDS).get(0);
    if (!a.ok()) {
      throw new IllegalStateException("node" + i + " getblock " + height + ": " + a.errorMessage());
    }
    return a.result();
  }

  /** Each node's state and, for a node that does not answer, the end of its log. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      if (heights.get(i) < 0) {
        parts.add("node" + i + " log ends:\n" + logTail(home(i).resolve("node.log"), 8));
      }
      parts.add(
          "node"
              + i
              + (nodes[i].isAlive() ? " at " + heights.get(i) : " down")
              + " (log "
              + home(i).resolve("node.log")
              + ")");
    }
    return String.join(", ", parts);
  }

  private static String logTail(Path log, int lines) {
    try {
      List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private synchronized JsonRpcBatch client(int i) {
    if (clients[i] == null && Files.exists(cookie(i))) {
      try {
        clients[i] =
            new JsonRpcBatch(
                rpcUri(i), RpcCredentials.fromCookie(cookie(i)), Duration.ofSeconds(2));
      } catch (IOException e) {
        return null; // being written: read it at the next poll
      }
    }
    return clients[i];
  }

  /**
   * For each height in {@code [from, to]} that every node reports having stored (getblock's {@code
   * stored_at_ms}, the nodes' own clock, which they share on one machine), the nanos from the first
   * to the last: propagation as the nodes timed it, free of the polling interval and of how fast a
   * loaded node answers RPC. Asked once the load is over.
   */
  List<Long> storedSpreads(long from, long to) throws Exception {
    Map<Long, long[]> firstLastCount = new TreeMap<>();
    for (int i = 0; i < nodes.length; i++) {
      JsonRpcBatch c = client(i);
      if (c == null) {
        throw new IllegalStateException("node " + i + " has no RPC client");
      }
      // A block's answer lists its txids: a few blocks per call keep answers small.
      for (long start = from; start <= to; start += 10) {
        List<Call> calls = new ArrayList<>();
        for (long h = start; h <= Math.min(to, start + 9); h++) {
          calls.add(new Call("getblock", List.of(h, 1)));
        }
        for (Answer a : c.send(calls).get(30, TimeUnit.SECONDS)) {
          JsonNode at = a.ok() ? a.result().get("stored_at_ms") : null;
          if (at != null) {
            long ms = at.asLong();
            firstLastCount.merge(
                a.result().get("height").asLong(),
                new long[] {ms, ms, 1},
                (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1]), x[2] + y[2]});
          }
        }
      }
    }
    List<Long> out = new ArrayList<>();
    firstLastCount.forEach(
        (h, s) -> {
          if (s[2] == nodes.length) {
            out.add((s[1] - s[0]) * 1_000_000);
          }
        });
    return out;
  }

  /** Asks every live node for its height; a node still answering the last ask is skipped. */
  private void sample() {
    for (int i = 0; i < nodes.length; i++) {
      JsonRpcBatch c;
      synchronized (this) {
        if (asking[i] || !nodes[i].isAlive()) {
          continue;
        }
        c = client(i);
        if (c == null) {
          continue;
        }
        asking[i] = true;
      }
      int node = i;
      c.send(List.of(new Call("getblockcount", List.of())))
          .whenComplete(
              (answers, error) -> {
                synchronized (this) {
                  asking[node] = false;
                  if (error != null || !answers.get(0).ok()) {
                    if (error != null && error.getCause() instanceof java.io.UncheckedIOException) {
                      clients[node] = null; // e.g. 401 after a restart: read the new cookie
                    }
                    return;
                  }
                  if (clients[node] != c) {
                    return; // the node was killed or restarted since
                  }
                }
                long h = answers.get(0).result().asLong();
                heights.set(node, h);
                times.reached(node, h);
              });
    }
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    watcher.shutdownNow();
    watcher.awaitTermination(10, TimeUnit.SECONDS);
    try {
      for (NodeProcess n : nodes) {
        n.close();
      }
    } finally {
      dir.close();
    }
  }
}
