package org.timecoin.node.chainspec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;
import org.timecoin.node.config.RpcSection;

/**
 * A home directory joined to the chain of a spec. The first run writes config.toml (the spec's
 * network and ports), genesis.json, a node key and a copy of the spec; later runs check that the
 * spec is still the chain of the home's genesis and take its seeds.
 */
public final class ChainSpecHome {
  private ChainSpecHome() {}

  /** Prepares the home of {@code configFile} for {@code spec}, read from {@code specFile}. */
  public static void prepare(ChainSpec spec, Path specFile, Path configFile, PrintWriter out) {
    if (!Files.exists(configFile)) {
      Path home = configFile.toAbsolutePath().getParent();
      NodeConfig d = NodeConfig.defaults(home, spec.network());
      RpcSection r = d.rpc();
      NodeConfig c =
          d.withNetwork(d.network().withPort(spec.p2pPort()))
              .withRpc(
                  new RpcSection(
                      r.enabled(), r.bindAddress(), spec.rpcPort(), r.maxRequestBytes()));
      ConfigLoader.write(configFile, c);
      out.println(
          "config: " + configFile + " (p2p " + spec.p2pPort() + ", rpc " + spec.rpcPort() + ")");
    }
    NodeConfig config = ConfigLoader.load(configFile);
    if (config.node().network() != spec.network()) {
      throw new ConfigException(
          configFile
              + ": [node] network is "
              + config.node().network().text()
              + " but the chain spec "
              + specFile
              + " is for "
              + spec.network().text());
    }
    if (Files.exists(config.genesisFile())) {
      requireSameChain(
          config.genesisFile(), GenesisFile.load(config.genesisFile()), spec, specFile);
    } else {
      GenesisFile.write(config.genesisFile(), spec.genesis());
      out.println("genesis: " + config.genesisFile() + " (" + spec.genesis().hash() + ")");
    }
    if (!Files.exists(config.keyFile())) {
      NodeKeyFile.create(config.keyFile(), new SecureRandom());
      out.println("node key: " + config.keyFile());
    }
    Path copy = specPath(config);
    if (!Files.exists(copy) || !isSameFile(copy, specFile)) {
      ChainSpecFile.write(copy, spec);
    }
  }

  /** Where a home keeps the spec of its chain. */
  public static Path specPath(NodeConfig config) {
    return config.baseDir().resolve(ChainSpecFile.FILE_NAME);
  }

  /**
   * The seeds of the home's chain spec, checked against its genesis; none when the home has no spec
   * (a devnet validator or a hand-made home lists its peers in config.toml).
   */
  public static List<HostPort> seeds(NodeConfig config, GenesisConfig genesis) {
    Path file = specPath(config);
    if (!Files.exists(file)) {
      return List.of();
    }
    ChainSpec spec = ChainSpecFile.load(file);
    requireSameChain(config.genesisFile(), genesis, spec, file);
    return spec.seeds();
  }

  static void requireSameChain(
      Path genesisFile, GenesisConfig genesis, ChainSpec spec, Path specFile) {
    if (!genesis.hash().equals(spec.genesis().hash())) {
      throw new ConfigException(
          specFile
              + " is the chain spec of \""
              + spec.genesis().chainName()
              + "\" (genesis "
              + spec.genesis().hash()
              + "), but "
              + genesisFile
              + " holds \""
              + genesis.chainName()
              + "\" (genesis "
              + genesis.hash()
              + "); use another --home for that chain");
    }
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
