package org.timecoin.node;

import java.nio.file.Path;
import java.util.List;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.chainspec.ChainSpecHome;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.p2p.P2pConfig;
import org.timecoin.p2p.PeerAddress;

/** The P2P settings of a node, from its configuration and its chain's genesis. */
final class NodeP2pConfig {
  static final long TESTNET_MAGIC = 0x54494D30L; // "TIM0", a u32 on the wire
  static final long MAINNET_MAGIC = 0x54494D31L; // "TIM1"

  private NodeP2pConfig() {}

  static P2pConfig of(NodeConfig config, GenesisConfig genesis, Path data, boolean validator) {
    var n = config.network();
    long magic = genesis.network() == Network.MAINNET ? MAINNET_MAGIC : TESTNET_MAGIC;
    List<PeerAddress> peers = n.bootstrapPeers().stream().map(PeerAddress::parse).toList();
    return P2pConfig.builder(magic, genesis.hash())
        .listen(n.listenAddress(), n.port())
        .bootstrapPeers(peers)
        .seeds(
            ChainSpecHome.seeds(config, genesis).stream()
                .map(s -> PeerAddress.parse(s.toString()))
                .toList())
        // A validator keeps its links to the validators it was configured with, whatever the book.
        .persistentPeers(validator ? peers : List.of())
        .dataDir(data.resolve("p2p"))
        .pingInterval(n.pingInterval())
        .peerTimeout(n.peerTimeout())
        .maxFrameSize(n.maxFrameBytes())
        .outboundTarget(n.maxOutboundPeers())
        .inboundLimit(n.maxInboundPeers())
        .banDuration(config.security().banDuration())
        .inboundPerSource(
            config.security().maxInboundPerIp(), config.security().maxInboundPerSubnet())
        .sendStallTimeout(config.security().peerSendStall())
        .connectOnly(n.connectOnly())
        .compression(n.compression())
        .build();
  }
}
