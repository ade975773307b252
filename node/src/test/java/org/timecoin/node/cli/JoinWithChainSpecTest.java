package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.Timed;
import org.timecoin.node.chainspec.ChainSpec;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.chainspec.ChainSpecFileTest;
import org.timecoin.node.chainspec.ChainSpecHome;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;

/** {@code timed --chain SPEC --home DIR}: the home it prepares and the mistakes it refuses. */
class JoinWithChainSpecTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int timed(String... args) {
    return Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path specFile(ChainSpec spec, String name) {
    Path file = dir.resolve(name);
    ChainSpecFile.write(file, spec);
    return file;
  }

  private static ChainSpec spec(String chain, Network network, int p2p) {
    return new ChainSpec(
        ChainSpecFileTest.genesis(chain, network),
        p2p,
        p2p + 1,
        List.of(new HostPort("seed.example.org", p2p)));
  }

  @Test
  void anEmptyHomeGetsConfigGenesisKeyAndTheSpecAndASecondRunChangesNothing() throws Exception {
    ChainSpec spec = spec("join-test", Network.TESTNET, 31000);
    Path file = specFile(spec, "spec.json");
    Path home = dir.resolve("home");
    Path config = home.resolve("config.toml");

    ChainSpecHome.prepare(spec, file, config, new PrintWriter(out, true));

    NodeConfig c = ConfigLoader.load(config);
    assertThat(c.node().network()).isEqualTo(NetworkName.TESTNET);
    assertThat(c.network().port()).isEqualTo(31000);
    assertThat(c.rpc().port()).isEqualTo(31001);
    assertThat(c.network().bootstrapPeers()).isEmpty(); // seeds are read from the spec each run
    assertThat(c.masternode().enabled()).isFalse();
    assertThat(GenesisFile.load(c.genesisFile()).hash()).isEqualTo(spec.genesis().hash());
    assertThat(c.keyFile()).exists();
    assertThat(ChainSpecHome.seeds(c, spec.genesis())).isEqualTo(spec.seeds());

    String key = Files.readString(c.keyFile());
    String toml = Files.readString(config);
    ChainSpecHome.prepare(spec, file, config, new PrintWriter(out, true));
    assertThat(Files.readString(c.keyFile())).isEqualTo(key);
    assertThat(Files.readString(config)).isEqualTo(toml);
  }

  @Test
  void aNewerSpecOfTheSameChainReplacesTheHomesSeeds() {
    ChainSpec first = spec("join-test", Network.TESTNET, 31000);
    Path config = dir.resolve("home/config.toml");
    ChainSpecHome.prepare(first, specFile(first, "a.json"), config, new PrintWriter(out, true));
    ChainSpec newer = first.withSeeds(List.of(new HostPort("198.51.100.1", 31000)));
    ChainSpecHome.prepare(newer, specFile(newer, "b.json"), config, new PrintWriter(out, true));
    assertThat(ChainSpecHome.seeds(ConfigLoader.load(config), first.genesis()))
        .containsExactly(new HostPort("198.51.100.1", 31000));
  }

  @Test
  void aSpecOfAnotherChainIsRefusedNamingBothGenesisHashes() {
    ChainSpec mine = spec("chain-a", Network.TESTNET, 31000);
    ChainSpec other = spec("chain-b", Network.TESTNET, 31000);
    Path home = dir.resolve("home");
    ChainSpecHome.prepare(
        mine, specFile(mine, "a.json"), home.resolve("config.toml"), new PrintWriter(out, true));

    int code = timed("--chain", specFile(other, "b.json").toString(), "--home", home.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: ")
        .contains(other.genesis().hash().toHex())
        .contains(mine.genesis().hash().toHex())
        .contains("use another --home");
  }

  @Test
  void aHomeWhoseSpecNoLongerMatchesItsGenesisIsRefused() throws Exception {
    ChainSpec mine = spec("chain-a", Network.TESTNET, 31000);
    Path config = dir.resolve("home/config.toml");
    ChainSpecHome.prepare(mine, specFile(mine, "a.json"), config, new PrintWriter(out, true));
    NodeConfig c = ConfigLoader.load(config);
    ChainSpecFile.write(ChainSpecHome.specPath(c), spec("chain-b", Network.TESTNET, 31000));

    assertThatThrownBy(() -> ChainSpecHome.seeds(c, mine.genesis()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain-b")
        .hasMessageContaining("chain-a");
  }

  @Test
  void aMainnetSpecIsRefusedForATestnetHomeAndForAnExplicitTestnet() {
    ChainSpec testnet = spec("chain-t", Network.TESTNET, 31000);
    ChainSpec mainnet = spec("chain-m", Network.MAINNET, 31000);
    Path home = dir.resolve("home");
    ChainSpecHome.prepare(
        testnet,
        specFile(testnet, "t.json"),
        home.resolve("config.toml"),
        new PrintWriter(out, true));

    assertThat(timed("--chain", specFile(mainnet, "m.json").toString(), "--home", home.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("[node] network is testnet").contains("is for mainnet");

    assertThat(
            timed(
                "--network",
                "testnet",
                "--chain",
                dir.resolve("m.json").toString(),
                "--home",
                dir.resolve("other").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--network testnet but the chain spec is for mainnet");
  }

  @Test
  void mainnetWithoutASpecStopsWithOneSentenceAndWritesNothing() {
    Path home = dir.resolve("empty");
    assertThat(timed("--network", "mainnet", "--home", home.toString())).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: a chain spec is needed to run a mainnet node in "
                + home
                + ": start it with --chain SPEC, the chain spec file its network publishes (no"
                + " genesis is built in)");
    assertThat(home.resolve("config.toml")).doesNotExist();
  }

  @Test
  void anUnknownNetworkAndAnUnreadableSpecAreReported() {
    assertThat(timed("--network", "regtest", "--home", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--network must be testnet or mainnet");
    assertThat(timed("--chain", dir.resolve("none.json").toString(), "--home", dir.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("cannot read chain spec");
  }

  @Test
  void testnetAndMainnetKeepTheirOwnDefaultHomes() {
    Path user = Path.of("/home/someone");
    assertThat(NetworkName.MAINNET.defaultHome(user)).isEqualTo(user.resolve(".timecoin"));
    assertThat(NetworkName.TESTNET.defaultHome(user))
        .isEqualTo(user.resolve(".timecoin").resolve("testnet"));
  }
}
