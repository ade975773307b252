package org.timecoin.node.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;

/**
 * A local network of N validators under one directory: {@code node0 .. node(N-1)}, each with its
 * config.toml (loopback ports, the others as bootstrap peers, masternode on), node.key and the
 * shared genesis.json, and an unencrypted wallet holding the node key (whose address receives the
 * validator's genesis allocation). Node i listens on {@code basePort + 2i} (P2P), {@code basePort +
 * 2i + 1} (RPC) and {@code basePort + 2N + i} (metrics).
 */
public final class DevnetLayout {
  /** Each validator's address receives this much at genesis, in units. */
  public static final long VALIDATOR_ALLOCATION = Amounts.ofTime(1_000_000);

  /**
   * Devnet epochs and liveness windows, short so that set changes and inactivity show within
   * minutes: epochs of 20 blocks, inactive after 10 unsigned blocks, removed after 40.
   */
  public static final long EPOCH_BLOCKS = 20;

  public static final long INACTIVITY_BLOCKS = 10;
  public static final long REMOVAL_BLOCKS = 40;

  private DevnetLayout() {}

  /** The consensus parameters of a devnet: the defaults with the short epochs above. */
  public static ConsensusParams devnetParams() {
    return ConsensusParams.defaults().withEpochs(EPOCH_BLOCKS, INACTIVITY_BLOCKS, REMOVAL_BLOCKS);
  }

  /** The node directories created, in validator order. */
  public static List<Path> create(
      Path root,
      int validators,
      int basePort,
      long genesisMillis,
      SecureRandom random,
      List<TxOut> extraAllocations) {
    if (validators < 1 || validators > 100) {
      throw new ConfigException("--devnet needs between 1 and 100 validators, got " + validators);
    }
    List<KeyPair> keys = new ArrayList<>();
    List<Validator> set = new ArrayList<>();
    List<TxOut> allocations = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      KeyPair k = KeyPair.generate(random);
      keys.add(k);
      Address a = Address.fromPublicKey(k.publicKey());
      set.add(new Validator(k.publicKey(), 1, Tier.FREE, a));
      allocations.add(new TxOut(VALIDATOR_ALLOCATION, a));
    }
    allocations.addAll(extraAllocations);
    GenesisConfig genesis =
        new GenesisConfig(
            "timecoin-devnet-" + Long.toHexString(genesisMillis),
            Network.TESTNET,
            genesisMillis,
            set,
            allocations,
            devnetParams());
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Path dir = root.resolve("node" + i);
      List<String> peers = new ArrayList<>();
      for (int j = 0; j < validators; j++) {
        if (j != i) {
          peers.add("127.0.0.1:" + (basePort + 2 * j));
        }
      }
      NodeConfig d = NodeConfig.defaults(dir.toAbsolutePath(), NetworkName.TESTNET);
      NetworkSection n = d.network();
      NodeConfig c =
          d.withNetwork(
                  new NetworkSection(
                      "127.0.0.1",
                      basePort + 2 * i,
                      peers,
                      n.maxOutboundPeers(),
                      n.maxInboundPeers(),
                      n.pingInterval(),
                      n.peerTimeout(),
                      n.maxFrameBytes(),
                      n.connectOnly(),
                      n.compression()))
              .withRpc(
                  new RpcSection(
                      true, "127.0.0.1", basePort + 2 * i + 1, d.rpc().maxRequestBytes()))
              .withMasternode(new MasternodeSection(true, ""))
              .withSecurity(loopbackSources(d.security()))
              .withWallet(new WalletSection(d.wallet().file(), false))
              .withMetrics(new MetricsSection(true, "127.0.0.1", basePort + 2 * validators + i));
      ConfigLoader.write(dir.resolve("config.toml"), c);
      NodeKeyFile.write(c.keyFile(), keys.get(i).seed());
      // A devnet validator's wallet holds its node key, so it can spend its genesis allocation.
      DevnetWallet.create(c.walletFile(), keys.get(i));
      GenesisFile.write(c.genesisFile(), genesis);
      dirs.add(dir);
    }
    return dirs;
  }

  /**
   * Inbound peers a devnet node accepts from one IP: every peer of a loopback devnet shares one.
   */
  public static final int LOOPBACK_PEERS_PER_IP = 256;

  /** {@code security} with room for every node of a devnet on this machine. */
  public static SecuritySection loopbackSources(SecuritySection security) {
    return security.withInboundPerSource(LOOPBACK_PEERS_PER_IP, LOOPBACK_PEERS_PER_IP);
  }
}
