package org.timecoin.node.chainspec;

import java.util.List;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NetworkName;

/**
 * What a node needs to join a chain: its genesis, the ports a new node listens on by default and
 * where to find the first peers. The chain id, network and genesis hash follow from the genesis;
 * the file repeats them so a reader can check it is the chain it meant, and so a damaged or edited
 * genesis is caught before the node runs.
 *
 * @param seeds {@code host:port} of nodes to dial first; a host may be an IP literal or a DNS name
 *     (all its A and AAAA records are used)
 */
public record ChainSpec(GenesisConfig genesis, int p2pPort, int rpcPort, List<HostPort> seeds) {
  /** Most seeds a spec may list: a few dozen is plenty, the rest comes from peer exchange. */
  public static final int MAX_SEEDS = 256;

  public ChainSpec {
    seeds = List.copyOf(seeds);
  }

  public NetworkName network() {
    return NetworkName.of(genesis.network());
  }

  /** The same chain, listing {@code newSeeds} instead. */
  public ChainSpec withSeeds(List<HostPort> newSeeds) {
    return new ChainSpec(genesis, p2pPort, rpcPort, newSeeds);
  }

  public ChainSpec withPorts(int p2p, int rpc) {
    return new ChainSpec(genesis, p2p, rpc, seeds);
  }
}
