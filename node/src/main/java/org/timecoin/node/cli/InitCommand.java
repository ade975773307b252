package org.timecoin.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.Timed;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.chainspec.DevnetSpec;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.DevnetLayout;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code timed init}: writes config.toml and a node key, or a whole devnet with --devnet N. */
@Command(
    name = "init",
    description =
        "Write config.toml and a node key into the home directory (with --devnet N: N validator homes and their genesis)")
public final class InitCommand implements Callable<Integer> {
  @ParentCommand Timed parent;

  @Option(
      names = "--network",
      description = "testnet or mainnet (default ${DEFAULT-VALUE})",
      defaultValue = "testnet")
  String network;

  @Option(
      names = "--devnet",
      paramLabel = "N",
      description = "Create N validator homes node0..node(N-1) with a shared genesis")
  Integer devnet;

  @Option(
      names = "--base-port",
      description = "First P2P port of a devnet; node i uses base+2i and base+2i+1 (RPC)",
      defaultValue = "24100")
  int basePort;

  @Option(
      names = "--wallet-passphrase-file",
      paramLabel = "FILE",
      description =
          "Create the encrypted wallet with the passphrase on the first line of FILE (without it:"
              + " asked on the console)")
  Path walletPassphraseFile;

  @Override
  public Integer call() throws java.io.IOException {
    if (devnet != null) {
      Path home = parent.home();
      if (Files.exists(home.resolve("node0"))) {
        parent.err().println(home.resolve("node0") + " already exists; choose another --home");
        return 1;
      }
      List<Path> dirs =
          DevnetLayout.create(
              home, devnet, basePort, Clock.SYSTEM.wallMillis(), new SecureRandom(), List.of());
      DevnetSpec.write(home, dirs, basePort);
      for (int i = 0; i < dirs.size(); i++) {
        parent
            .out()
            .printf(
                "node%d: %s  p2p 127.0.0.1:%d  rpc 127.0.0.1:%d%n",
                i, dirs.get(i), basePort + 2 * i, basePort + 2 * i + 1);
      }
      parent.out().println("start each with: timed --home <dir>");
      parent
          .out()
          .println(
              "chain spec: "
                  + home.resolve(ChainSpecFile.FILE_NAME)
                  + " (another node joins with: timed --chain SPEC --home DIR)");
      return 0;
    }
    NetworkName net = NetworkName.parse(network);
    if (net == null) {
      parent.err().println("--network must be testnet or mainnet");
      return 2;
    }
    Path configFile = parent.configFile(parent.homeFor(net));
    NodeConfig config = ConfigLoader.loadOrCreate(configFile, net);
    parent.out().println("config: " + configFile);
    Path keyFile = config.keyFile();
    byte[] seed =
        Files.exists(keyFile)
            ? NodeKeyFile.read(keyFile)
            : NodeKeyFile.create(keyFile, new SecureRandom());
    KeyPair key = KeyPair.fromSeed(seed);
    Network addrNet = net == NetworkName.MAINNET ? Network.MAINNET : Network.TESTNET;
    parent.out().println("node key: " + keyFile + " (public key " + key.publicKey().toHex() + ")");
    parent.out().println("address: " + Address.fromPublicKey(key.publicKey()).toText(addrNet));
    InitWallet.create(config, addrNet, walletPassphraseFile, parent.out());
    if (!Files.exists(config.genesisFile())) {
      parent
          .out()
          .println("genesis: none yet; run the node with --chain SPEC, its network's chain spec");
    }
    return 0;
  }
}
