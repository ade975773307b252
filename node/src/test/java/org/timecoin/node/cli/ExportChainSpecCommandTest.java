package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.node.Timed;
import org.timecoin.node.chainspec.ChainSpec;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.devnet.LocalDevnet;

class ExportChainSpecCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int timed(String... args) {
    return Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void initDevnetWritesASpecWhoseSeedsAreTheValidatorsAndWhosePortsComeAfterTheMetricsPorts() {
    assertThat(timed("--home", dir.toString(), "init", "--devnet", "3", "--base-port", "30000"))
        .as(err.toString())
        .isZero();
    ChainSpec spec = ChainSpecFile.load(dir.resolve("chain-spec.json"));
    assertThat(spec.seeds())
        .containsExactly(
            new HostPort("127.0.0.1", 30000),
            new HostPort("127.0.0.1", 30002),
            new HostPort("127.0.0.1", 30004));
    // 30000-30005: P2P and RPC of three validators; 30006-30008: their metrics ports
    assertThat(spec.p2pPort()).isEqualTo(30009);
    assertThat(spec.rpcPort()).isEqualTo(30010);
    assertThat(spec.genesis().hash())
        .isEqualTo(GenesisFile.load(dir.resolve("node0/genesis.json")).hash());
    assertThat(out.toString()).contains("chain spec: " + dir.resolve("chain-spec.json"));
  }

  @Test
  void aNodesHomeExportsTheSpecItWasMadeWith() {
    timed("--home", dir.toString(), "init", "--devnet", "2", "--base-port", "30000");
    Path file = dir.resolve("exported.json");
    assertThat(
            timed(
                "--home",
                dir.resolve("node1").toString(),
                "export-chain-spec",
                "--out",
                file.toString()))
        .as(err.toString())
        .isZero();
    assertThat(ChainSpecFile.load(file))
        .isEqualTo(ChainSpecFile.load(dir.resolve("chain-spec.json")));
  }

  @Test
  void aHandMadeHomeExportsItsOwnPortsItsAddressAndItsPeersToStdout() throws Exception {
    timed("--home", dir.toString(), "init", "--devnet", "2", "--base-port", "30000");
    Path home = dir.resolve("node0");
    Files.delete(home.resolve("chain-spec.json"));
    out.getBuffer().setLength(0);
    assertThat(timed("--home", home.toString(), "export-chain-spec")).as(err.toString()).isZero();
    ChainSpec spec = ChainSpecFile.parse(Path.of("stdout"), out.toString());
    assertThat(spec.p2pPort()).isEqualTo(30000);
    assertThat(spec.rpcPort()).isEqualTo(30001);
    assertThat(spec.seeds())
        .containsExactly(new HostPort("127.0.0.1", 30000), new HostPort("127.0.0.1", 30002));
  }

  @Test
  void seedsAndPortsCanBeNamedAndAWildcardListenerWithoutPeersMustNameThem() throws Exception {
    timed("--home", dir.toString(), "init", "--devnet", "1", "--base-port", "30000");
    Path home = dir.resolve("node0");
    Files.delete(home.resolve("chain-spec.json"));
    NodeConfig c = ConfigLoader.load(home.resolve("config.toml"));
    ConfigLoader.write(
        home.resolve("config.toml"), c.withNetwork(c.network().withListenAddress("0.0.0.0")));

    assertThat(timed("--home", home.toString(), "export-chain-spec")).isEqualTo(1);
    assertThat(err.toString()).contains("name one with --seed HOST:PORT");

    out.getBuffer().setLength(0);
    assertThat(
            timed(
                "--home",
                home.toString(),
                "export-chain-spec",
                "--seed",
                "seed.example.org:24100",
                "--p2p-port",
                "24100",
                "--rpc-port",
                "24101"))
        .as(err.toString())
        .isZero();
    ChainSpec spec = ChainSpecFile.parse(Path.of("stdout"), out.toString());
    assertThat(spec.seeds()).containsExactly(new HostPort("seed.example.org", 24100));
    assertThat(spec.p2pPort()).isEqualTo(24100);

    assertThat(timed("--home", home.toString(), "export-chain-spec", "--seed", "nope"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--seed \"nope\" must be host:port");
    assertThat(timed("--home", home.toString(), "export-chain-spec", "--seed", "bad_host:1"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("seeds[0] host \"bad_host\"");
  }

  @Test
  void anInProcessDevnetWritesItsSpecToo() {
    LocalDevnet.create(
            dir, 2, 30000, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of(), Clock.SYSTEM)
        .close();
    ChainSpec spec = ChainSpecFile.load(dir.resolve("chain-spec.json"));
    assertThat(spec.seeds()).hasSize(2);
    assertThat(spec.p2pPort()).isEqualTo(30006);
  }

  @Test
  void aDirectoryWithoutAHomeIsReported() {
    assertThat(timed("--home", dir.resolve("none").toString(), "export-chain-spec")).isEqualTo(1);
    assertThat(err.toString()).contains("no node home here");
  }
}
