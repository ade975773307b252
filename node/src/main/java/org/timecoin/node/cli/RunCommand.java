package org.timecoin.node.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.TimeNode;
import org.timecoin.node.chainspec.ChainSpecHome;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.LoggingSection;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;

/**
 * Runs a node until it is asked to stop (SIGTERM / Ctrl-C through a shutdown hook, RPC stop, or a
 * consensus halt), then closes its parts in reverse order of start.
 */
public final class RunCommand {
  private RunCommand() {}

  public static int run(Path configFile, PrintWriter out, PrintWriter err) throws Exception {
    return run(configFile, null, RunFlags.NONE, out, err);
  }

  /**
   * Runs with the command line's overrides of config.toml applied.
   *
   * @param network the network asked for on the command line, or null; a new config is written for
   *     it (testnet when null) and an existing one must be for it
   */
  public static int run(
      Path configFile, NetworkName network, RunFlags flags, PrintWriter out, PrintWriter err)
      throws Exception {
    NetworkName net = network == null ? NetworkName.TESTNET : network;
    if (!Files.exists(configFile)
        && !Files.exists(
            NodeConfig.defaults(configFile.toAbsolutePath().getParent(), net).genesisFile())) {
      throw noGenesis(net, configFile.toAbsolutePath().getParent());
    }
    NodeConfig config = flags.applyTo(ConfigLoader.loadOrCreate(configFile, net));
    if (network != null && config.node().network() != network) {
      throw new ConfigException(
          configFile
              + ": [node] network is "
              + config.node().network().text()
              + ", not "
              + network.text());
    }
    LoggingSection logging = config.logging();
    Logging.apply(
        new LoggingSection(
            flags.logLevel(config),
            logging.file(),
            logging.format(),
            logging.maxFileBytes(),
            logging.maxHistoryDays(),
            logging.totalSizeCapBytes()));
    if (!Files.exists(config.keyFile())) {
      throw new ConfigException(
          config.keyFile() + ": node key file not found; create one with 'timed init'");
    }
    KeyPair key = KeyPair.fromSeed(NodeKeyFile.read(config.keyFile()));
    if (!Files.exists(config.genesisFile())) {
      throw noGenesis(config.node().network(), config.baseDir());
    }
    GenesisConfig genesis = GenesisFile.load(config.genesisFile());
    ChainSpecHome.seeds(config, genesis); // a home's spec must still be its genesis' chain
    TimeNode node = new TimeNode(config, genesis, key, Clock.SYSTEM);
    Thread hook =
        Thread.ofPlatform()
            .name("shutdown")
            .unstarted(
                () -> {
                  node.requestStop("signal");
                  node.close();
                });
    Runtime.getRuntime().addShutdownHook(hook);
    node.start();
    out.println(
        "timed running: "
            + (node.isValidator() ? "validator" : "full node")
            + " "
            + key.publicKey().toHex()
            + ", p2p "
            + node.network().localAddress()
            + node.rpcAddress().map(a -> ", rpc " + a).orElse(""));
    out.println(walletLine(node, genesis));
    String reason = node.stopRequested().get();
    out.println("stopping: " + reason);
    node.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return reason.startsWith("consensus halted") ? 1 : 0;
  }

  /** No genesis is built in: a node learns its chain from a chain spec. */
  private static ConfigException noGenesis(NetworkName net, Path home) {
    return new ConfigException(
        "a chain spec is needed to run a "
            + net.text()
            + " node in "
            + home
            + ": start it with --chain SPEC, the chain spec file its network publishes (no genesis is built in)");
  }

  private static String walletLine(TimeNode node, GenesisConfig genesis) {
    var wallet = node.wallet();
    var status = wallet.status();
    if (!status.exists()) {
      return "no wallet yet: create an encrypted one with 'time-cli encrypt-wallet PASSPHRASE'";
    }
    return "wallet "
        + wallet.file()
        + (status.encrypted() ? " (encrypted, locked)" : " (not encrypted)")
        + ", first address "
        + wallet.addresses().getFirst().address().toText(genesis.network());
  }
}
