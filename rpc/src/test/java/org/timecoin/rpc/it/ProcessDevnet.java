package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.Timed;
import org.timecoin.node.config.BlockSection;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.MasternodeSection;
import org.timecoin.node.config.MetricsSection;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.RpcSection;
import org.timecoin.node.config.WalletSection;

/**
 * A devnet of {@code timed} processes made by {@code timed init --devnet N}, with empty blocks
 * every {@code emptyBlockInterval}; more nodes join it from the chain spec it exports, each on
 * ports of its own. Every node's output goes to a log the failure messages quote.
 */
final class ProcessDevnet implements AutoCloseable {
  private final Path dir;
  private final int basePort;
  private final int validators;
  private final BlockSection blocks;
  private final List<TimedProcess> processes = new ArrayList<>();
  private Path spec;

  /** Ports used: {@code 3 × validators} for the devnet, then two per joining node. */
  ProcessDevnet(Path dir, int basePort, int validators, Duration emptyBlockInterval) {
    this.dir = dir;
    this.basePort = basePort;
    this.validators = validators;
    BlockSection d = BlockSection.defaults();
    this.blocks =
        new BlockSection(
            Duration.ofMillis(200), emptyBlockInterval, d.maxBlockBytes(), d.maxBlockTxs());
  }

  /** Writes the devnet's homes and starts its validators. */
  List<TimedProcess> startValidators() throws Exception {
    Path devnet = dir.resolve("devnet");
    StringWriter out = new StringWriter();
    int code =
        Timed.run(
            new String[] {
              "--home",
              devnet.toString(),
              "init",
              "--devnet",
              "" + validators,
              "--base-port",
              "" + basePort
            },
            new PrintWriter(out, true),
            new PrintWriter(out, true));
    assertThat(code).as(out.toString()).isZero();
    List<TimedProcess> started = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Path home = devnet.resolve("node" + i);
      NodeConfig c = ConfigLoader.load(home.resolve("config.toml"));
      ConfigLoader.write(home.resolve("config.toml"), c.withBlock(blocks));
      started.add(start(home, basePort + 2 * i + 1));
    }
    return started;
  }

  /** The devnet's genesis, as every node holds it. */
  GenesisConfig genesis() {
    return GenesisFile.load(dir.resolve("devnet/node0/genesis.json"));
  }

  /**
   * A node joining from the devnet's exported chain spec with its own ports (the {@code k}-th
   * joiner, from 0), masternode mode as given; its home gets a config before its first start, so
   * the spec adds only the genesis, a node key and the seeds.
   */
  TimedProcess join(TimedProcess exporter, int k, boolean masternode) throws Exception {
    if (spec == null) {
      JsonNode exported = exporter.rpc().call("getchainspec");
      spec = dir.resolve("chain-spec.json");
      Files.writeString(spec, new ObjectMapper().writeValueAsString(exported));
    }
    Path home = dir.resolve("joiner" + k);
    int p2p = basePort + 3 * validators + 2 * k;
    NodeConfig d = NodeConfig.defaults(home.toAbsolutePath(), NetworkName.TESTNET);
    NodeConfig c =
        d.withNetwork(d.network().withListenAddress("127.0.0.1").withPort(p2p))
            .withRpc(new RpcSection(true, "127.0.0.1", p2p + 1, d.rpc().maxRequestBytes()))
            .withMetrics(new MetricsSection(false, "127.0.0.1", 0))
            .withMasternode(new MasternodeSection(masternode, ""))
            .withBlock(blocks)
            .withWallet(new WalletSection(d.wallet().file(), false));
    ConfigLoader.write(home.resolve("config.toml"), c);
    TimedProcess p =
        new TimedProcess(
            List.of("--chain", spec.toString(), "--home", home.toString()),
            home.resolve("node.log"),
            p2p + 1);
    processes.add(p);
    p.start();
    return p;
  }

  private TimedProcess start(Path home, int rpcPort) throws IOException {
    TimedProcess p =
        new TimedProcess(List.of("--home", home.toString()), home.resolve("node.log"), rpcPort);
    processes.add(p);
    p.start();
    return p;
  }

  /** Waits up to {@code limit} for {@code condition}; on timeout fails with the nodes' logs. */
  void await(String what, Duration limit, Callable<Boolean> condition) {
    try {
      org.awaitility.Awaitility.await()
          .atMost(limit)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + logs(), e);
    }
  }

  /** As {@link #await}, for assertions. */
  void awaitAsserted(String what, Duration limit, org.awaitility.core.ThrowingRunnable check) {
    try {
      org.awaitility.Awaitility.await()
          .atMost(limit)
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(check);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + logs(), e);
    }
  }

  /** The last lines of every node's log. */
  String logs() {
    StringBuilder b = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().equals("node.log")).toList()) {
        List<String> lines =
            new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .toList();
        b.append("\n--- ").append(f).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> b.append(l).append('\n'));
      }
    } catch (IOException e) {
      b.append("\n(logs unreadable: ").append(e.getMessage()).append(')');
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (TimedProcess p : processes) {
      p.close();
    }
  }
}
