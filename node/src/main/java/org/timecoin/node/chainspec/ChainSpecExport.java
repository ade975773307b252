package org.timecoin.node.chainspec;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NetworkSection;
import org.timecoin.node.config.NodeConfig;

/**
 * The spec a node publishes for its chain: its genesis; the ports of the spec it joined with (or
 * its own ports); and as seeds the spec's seeds, its own listen address when that is a specific
 * one, and its bootstrap peers.
 */
public final class ChainSpecExport {
  private ChainSpecExport() {}

  public static ChainSpec of(NodeConfig config, GenesisConfig genesis) {
    ChainSpec joined =
        Files.exists(ChainSpecHome.specPath(config))
            ? ChainSpecFile.load(ChainSpecHome.specPath(config))
            : null;
    if (joined != null) {
      ChainSpecHome.requireSameChain(
          config.genesisFile(), genesis, joined, ChainSpecHome.specPath(config));
    }
    Set<HostPort> seeds = new LinkedHashSet<>();
    if (joined != null) {
      seeds.addAll(joined.seeds());
    }
    NetworkSection n = config.network();
    if (!isWildcard(n.listenAddress())) {
      seeds.add(new HostPort(n.listenAddress(), n.port()));
    }
    for (String p : n.bootstrapPeers()) {
      HostPort hp = HostPort.parse(p);
      if (hp != null && SeedHost.problem(hp.host()) == null) {
        seeds.add(hp);
      }
    }
    if (seeds.isEmpty()) {
      throw new ConfigException(
          "no seed address known for this chain: the node listens on "
              + n.listenAddress()
              + ", whose public address it cannot tell, and has no bootstrap peers; name one with --seed HOST:PORT");
    }
    List<HostPort> list = seeds.stream().limit(ChainSpec.MAX_SEEDS).toList();
    return joined != null
        ? joined.withSeeds(list)
        : new ChainSpec(genesis, n.port(), config.rpc().port(), list);
  }

  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }
}
