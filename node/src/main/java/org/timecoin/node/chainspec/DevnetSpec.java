package org.timecoin.node.chainspec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;

/**
 * The chain spec of a local devnet: its validators as seeds, and as default ports the pair after
 * theirs, so a node joining on the same machine finds them free.
 */
public final class DevnetSpec {
  private DevnetSpec() {}

  /**
   * Writes {@code root/chain-spec.json} and a copy into every node home (so each can export it).
   *
   * @param homes the validators' homes, node i listening on {@code basePort + 2i} (P2P), {@code
   *     basePort + 2i + 1} (RPC) and {@code basePort + 2N + i} (metrics); a joiner's default ports
   *     are the pair after those
   */
  public static Path write(Path root, List<Path> homes, int basePort) {
    GenesisConfig genesis = GenesisFile.load(homes.get(0).resolve("genesis.json"));
    List<HostPort> seeds = new ArrayList<>();
    for (int i = 0; i < homes.size(); i++) {
      seeds.add(new HostPort("127.0.0.1", basePort + 2 * i));
    }
    int next = basePort + 3 * homes.size();
    ChainSpec spec = new ChainSpec(genesis, next, next + 1, seeds);
    Path file = root.resolve(ChainSpecFile.FILE_NAME);
    ChainSpecFile.write(file, spec);
    for (Path home : homes) {
      ChainSpecFile.write(home.resolve(ChainSpecFile.FILE_NAME), spec);
    }
    return file;
  }
}
