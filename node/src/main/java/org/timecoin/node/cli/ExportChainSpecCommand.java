package org.timecoin.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.Timed;
import org.timecoin.node.chainspec.ChainSpec;
import org.timecoin.node.chainspec.ChainSpecExport;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code timed export-chain-spec}: the chain spec of a home's chain, for others to join with. It
 * reads only the home's files, so it works while the node runs.
 */
@Command(
    name = "export-chain-spec",
    description = "Print (or write) the chain spec of the home's chain, for others to join with")
public final class ExportChainSpecCommand implements Callable<Integer> {
  @ParentCommand Timed parent;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the spec here, not to stdout")
  Path outFile;

  @Option(
      names = "--seed",
      paramLabel = "HOST:PORT",
      description = "Seed to list instead of the ones the node knows (repeatable)")
  List<String> seeds = new ArrayList<>();

  @Option(names = "--p2p-port", description = "Default P2P port for joining nodes")
  Integer p2pPort;

  @Option(names = "--rpc-port", description = "Default RPC port for joining nodes")
  Integer rpcPort;

  @Override
  public Integer call() {
    Path configFile = parent.configFile();
    if (!configFile.toFile().exists()) {
      throw new ConfigException(configFile + ": no node home here; give its --home");
    }
    NodeConfig config = ConfigLoader.load(configFile);
    GenesisConfig genesis = GenesisFile.load(config.genesisFile());
    ChainSpec spec;
    if (seeds.isEmpty()) {
      spec = ChainSpecExport.of(config, genesis);
    } else {
      List<HostPort> list = new ArrayList<>();
      for (String s : seeds) {
        HostPort hp = HostPort.parse(s);
        if (hp == null) {
          throw new ConfigException("--seed \"" + s + "\" must be host:port (port 1-65535)");
        }
        list.add(hp);
      }
      spec = new ChainSpec(genesis, config.network().port(), config.rpc().port(), list);
    }
    spec =
        spec.withPorts(
            p2pPort != null ? p2pPort : spec.p2pPort(), rpcPort != null ? rpcPort : spec.rpcPort());
    // What others will read must pass the reader's checks.
    String json = ChainSpecFile.toJson(spec);
    ChainSpecFile.parse(Path.of("exported chain spec"), json);
    if (outFile == null) {
      parent.out().print(json);
      parent.out().flush();
    } else {
      ChainSpecFile.write(outFile.toAbsolutePath(), spec);
      parent.out().println("chain spec: " + outFile.toAbsolutePath());
    }
    return 0;
  }
}
