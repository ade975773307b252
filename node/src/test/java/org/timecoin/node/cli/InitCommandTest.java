package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.Timed;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.NodeConfig;

class InitCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int timed(String... args) {
    return Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void initWritesConfigAndPrivateKey() throws Exception {
    assertThat(timed("--home", dir.toString(), "init")).as(err.toString()).isZero();
    assertThat(dir.resolve("config.toml")).exists();
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node.key"))))
        .isEqualTo("rw-------");
    assertThat(out.toString()).contains("address: TIME0");
    // a second init keeps the key
    String key = Files.readString(dir.resolve("node.key"));
    assertThat(timed("--home", dir.toString(), "init")).isZero();
    assertThat(Files.readString(dir.resolve("node.key"))).isEqualTo(key);
  }

  @Test
  void initCreatesAnEncryptedWalletFromAPassphraseFileAndPrintsItsFirstAddress() throws Exception {
    Path pass = dir.resolve("pass.txt");
    Files.writeString(pass, "correct horse\n");
    assertThat(timed("--home", dir.toString(), "init", "--wallet-passphrase-file", pass.toString()))
        .as(err.toString())
        .isZero();
    Path wallet = dir.resolve("data/wallet.dat");
    assertThat(out.toString()).contains("wallet: " + wallet + " (encrypted), first address TIME0");
    byte[] saved = Files.readAllBytes(wallet);
    assertThat(timed("--home", dir.toString(), "init")).isZero();
    assertThat(out.toString()).contains("(exists, left as it is)");
    assertThat(Files.readAllBytes(wallet)).isEqualTo(saved);
    Files.move(
        wallet,
        dir.resolve("data/wallet.dat.bak"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(timed("--home", dir.toString(), "init")).isZero();
    assertThat(out.toString()).contains("is missing but its backup", "no new wallet created");
    assertThat(wallet).doesNotExist();
  }

  @Test
  void initWithoutAPassphraseLeavesTheWalletToEncryptwallet() throws Exception {
    assertThat(timed("--home", dir.toString(), "init")).isZero();
    assertThat(out.toString()).contains("wallet: not created", "encrypt-wallet");
    assertThat(dir.resolve("data/wallet.dat")).doesNotExist();
    Files.writeString(dir.resolve("empty.txt"), "");
    assertThat(
            timed(
                "--home",
                dir.toString(),
                "init",
                "--wallet-passphrase-file",
                dir.resolve("empty.txt").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("first line must hold the wallet passphrase");
  }

  @Test
  void initCreatesAPlainWalletWhenTheConfigAllowsIt() throws Exception {
    Files.writeString(dir.resolve("config.toml"), "[wallet]\nencrypted = false\n");
    assertThat(timed("--home", dir.toString(), "init")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("(NOT encrypted), first address TIME0");
  }

  @Test
  void devnetInitWritesHomesWithSharedGenesis() {
    assertThat(timed("--home", dir.toString(), "init", "--devnet", "3", "--base-port", "30000"))
        .as(err.toString())
        .isZero();
    GenesisConfig g0 = GenesisFile.load(dir.resolve("node0/genesis.json"));
    assertThat(g0.validators()).hasSize(3);
    assertThat(g0.params().epochBlocks()).isEqualTo(20);
    assertThat(g0.params().inactivityBlocks()).isEqualTo(10);
    assertThat(g0.params().removalBlocks()).isEqualTo(40);
    for (int i = 0; i < 3; i++) {
      NodeConfig c = ConfigLoader.load(dir.resolve("node" + i + "/config.toml"));
      assertThat(c.masternode().enabled()).isTrue();
      assertThat(c.network().port()).isEqualTo(30000 + 2 * i);
      assertThat(c.rpc().port()).isEqualTo(30001 + 2 * i);
      assertThat(c.network().bootstrapPeers()).hasSize(2);
      assertThat(GenesisFile.load(c.genesisFile()).hash()).isEqualTo(g0.hash());
      assertThat(dir.resolve("node" + i + "/chain-spec.json")).exists();
      assertThat(c.wallet().encrypted()).isFalse();
      assertThat(c.walletFile()).exists();
      // Every peer of a devnet on one machine comes from 127.0.0.1.
      assertThat(c.security().maxInboundPerIp()).isGreaterThanOrEqualTo(64);
      assertThat(c.security().maxInboundPerSubnet()).isGreaterThanOrEqualTo(64);
    }
    assertThat(dir.resolve("chain-spec.json")).exists();
  }

  @Test
  void badConfigIsReportedWithoutStackTrace() throws Exception {
    Files.writeString(dir.resolve("config.toml"), "[rpc]\nport = 0\n");
    assertThat(timed("--home", dir.toString(), "init")).isEqualTo(1);
    assertThat(err.toString()).contains("[rpc] port = 0").doesNotContain("\tat ");
  }

  @Test
  void devnetRefusesOutOfRangeSize() {
    assertThat(timed("--home", dir.toString(), "init", "--devnet", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("between 1 and 100");
  }

  @Test
  void runWithoutAKeyPointsToInit() throws Exception {
    assertThat(timed("--home", dir.toString(), "init", "--devnet", "1", "--base-port", "30100"))
        .isZero();
    Files.delete(dir.resolve("node0/node.key"));
    assertThat(timed("--home", dir.resolve("node0").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("node.key", "timed init");
  }

  @Test
  void runInAnEmptyHomeAsksForAChainSpecAndWritesNothing() {
    assertThat(timed("--home", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("a chain spec is needed", "--chain SPEC");
    assertThat(dir.resolve("config.toml")).doesNotExist();
  }

  @Test
  void runWithoutAGenesisAsksForAChainSpec() {
    assertThat(timed("--home", dir.toString(), "init")).isZero();
    assertThat(out.toString()).contains("--chain SPEC");
    assertThat(timed("--home", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("a chain spec is needed to run a testnet node");
  }
}
