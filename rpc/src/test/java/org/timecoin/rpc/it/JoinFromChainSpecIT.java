package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.node.Timed;
import org.timecoin.node.config.BlockSection;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NodeConfig;

/**
 * A devnet of two validator processes runs; a node started elsewhere with nothing but the chain
 * spec its network exported (over RPC) and an empty home joins it, syncs and follows.
 */
class JoinFromChainSpecIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;
  private final List<TimedProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (TimedProcess p : processes) {
      p.close();
    }
  }

  private TimedProcess start(Path log, int rpcPort, String... args) throws Exception {
    TimedProcess p = new TimedProcess(List.of(args), log, rpcPort);
    processes.add(p);
    p.start();
    return p;
  }

  private String logs() throws Exception {
    StringBuilder b = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(f);
        b.append("\n--- ").append(f).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> b.append(l).append('\n'));
      }
    }
    return b.toString();
  }

  private void awaitOrDump(String what, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + logs(), e);
    }
  }

  @Test
  void aNodeWithOnlyTheExportedSpecAndAnEmptyHomeJoinsSyncsAndFollows() throws Exception {
    int base = DevnetRpcIT.freeRun(8);
    Path devnet = dir.resolve("devnet");
    StringWriter out = new StringWriter();
    assertThat(
            Timed.run(
                new String[] {
                  "--home", devnet.toString(), "init", "--devnet", "2", "--base-port", "" + base
                },
                new PrintWriter(out, true),
                new PrintWriter(out, true)))
        .as(out.toString())
        .isZero();
    List<TimedProcess> validators = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path home = devnet.resolve("node" + i);
      NodeConfig c = ConfigLoader.load(home.resolve("config.toml"));
      BlockSection b = c.block();
      // Empty blocks every half second, so the chain grows without load.
      ConfigLoader.write(
          home.resolve("config.toml"),
          c.withBlock(
              new BlockSection(
                  Duration.ofMillis(200),
                  Duration.ofMillis(500),
                  b.maxBlockBytes(),
                  b.maxBlockTxs())));
      validators.add(start(home.resolve("node.log"), base + 2 * i + 1, "--home", home.toString()));
    }
    TimedProcess v0 = validators.get(0);
    awaitOrDump("the devnet did not produce blocks", () -> v0.height() >= 5);

    // The spec as a running node exports it, carried to a directory of its own.
    JsonNode exported = v0.rpc().call("getchainspec");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path specFile = elsewhere.resolve("chain-spec.json");
    Files.writeString(specFile, new ObjectMapper().writeValueAsString(exported));
    int joinerRpc = exported.get("rpc_port").asInt();
    assertThat(joinerRpc).isEqualTo(base + 7);
    Path home = elsewhere.resolve("home");

    TimedProcess joiner =
        start(
            elsewhere.resolve("joiner.log"),
            joinerRpc,
            "--chain",
            specFile.toString(),
            "--home",
            home.toString());

    long devnetHeight = v0.height();
    awaitOrDump(
        "the joining node did not sync to " + devnetHeight, () -> joiner.height() >= devnetHeight);
    assertThat(joiner.blockHash(devnetHeight)).isEqualTo(v0.blockHash(devnetHeight));

    long later = v0.height() + 5;
    awaitOrDump("the joining node did not follow to " + later, () -> joiner.height() >= later);
    assertThat(joiner.blockHash(later)).isEqualTo(v0.blockHash(later));
    assertThat(joiner.isAlive()).isTrue();

    assertThat(home.resolve("genesis.json")).exists();
    assertThat(home.resolve("config.toml")).exists();
    JsonNode info = joiner.rpc().call("getnetworkinfo");
    assertThat(info.get("connections").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(info.has("timeoffset")).isTrue();
    assertThat(Math.abs(info.get("timeoffset").asLong())).isLessThanOrEqualTo(5);
  }
}
