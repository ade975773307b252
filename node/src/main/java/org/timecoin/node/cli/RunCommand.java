package org.timecoin.node.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
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
    return run(configFile, RunFlags.NONE, out, err);
  }

  /** Runs with the command line's overrides of config.toml applied. */
  public static int run(Path configFile, RunFlags flags, PrintWriter out, PrintWriter err)
      throws Exception {
    NodeConfig config = flags.applyTo(ConfigLoader.loadOrCreate(configFile, NetworkName.TESTNET));
    Logging.apply(flags.logLevel(config), config.logging().file());
    if (!Files.exists(config.keyFile())) {
      throw new ConfigException(
          config.keyFile() + ": node key file not found; create one with 'timed init'");
    }
    KeyPair key = KeyPair.fromSeed(NodeKeyFile.read(config.keyFile()));
    if (!Files.exists(config.genesisFile())) {
      throw new ConfigException(
          config.genesisFile()
              + ": genesis file not found; copy the chain's genesis.json there (or 'timed init --devnet N')");
    }
    GenesisConfig genesis = GenesisFile.load(config.genesisFile());
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
}
