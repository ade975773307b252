package org.timecoin.node.devnet;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.chainspec.DevnetSpec;
import org.timecoin.node.config.BlockSection;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.DevnetLayout;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.MasternodeSection;
import org.timecoin.node.config.MetricsSection;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;
import org.timecoin.storage.kv.KvStore;

/**
 * N validators in one process, each with its own directory, RocksDB, key and loopback ports,
 * talking over real TCP. Nodes can be stopped and started again (same directory), and a full node
 * added.
 */
public final class LocalDevnet implements AutoCloseable {
  private final Path root;
  private final List<Path> homes;
  private final List<TimeNode> nodes = new ArrayList<>();
  private final java.util.Map<Integer, org.timecoin.node.wallet.KeyRing> keyRings =
      new java.util.HashMap<>();
  private final java.util.Map<Integer, org.timecoin.node.fastsync.FastSync.Settings>
      fastSyncSettings = new java.util.HashMap<>();
  private final Duration blockInterval;
  private final Duration emptyBlockInterval;
  private final Clock clock;

  private LocalDevnet(
      Path root,
      List<Path> homes,
      Duration blockInterval,
      Duration emptyBlockInterval,
      Clock clock) {
    this.root = root;
    this.homes = new ArrayList<>(homes);
    this.blockInterval = blockInterval;
    this.emptyBlockInterval = emptyBlockInterval;
    this.clock = clock;
    for (int i = 0; i < homes.size(); i++) {
      nodes.add(null);
    }
  }

  /**
   * Writes the homes of {@code validators} nodes under {@code root} (P2P base+2i, RPC base+2i+1).
   */
  public static LocalDevnet create(
      Path root,
      int validators,
      int basePort,
      Duration blockInterval,
      Duration emptyBlockInterval,
      List<TxOut> extraAllocations,
      Clock clock) {
    List<Path> homes =
        DevnetLayout.create(
            root, validators, basePort, clock.wallMillis(), new SecureRandom(), extraAllocations);
    DevnetSpec.write(root, homes, basePort);
    return new LocalDevnet(root, homes, blockInterval, emptyBlockInterval, clock);
  }

  public int size() {
    return homes.size();
  }

  /** Node i's home directory (its config.toml, key, genesis and data). */
  public Path home(int i) {
    return homes.get(i);
  }

  public Path root() {
    return root;
  }

  public GenesisConfig genesis() {
    return GenesisFile.load(config(0).genesisFile());
  }

  /**
   * Node i's configuration with the devnet's block pacing. Metrics take any free port: in one
   * process the nodes only need ports apart from each other, and a caller's port run holds P2P and
   * RPC only ({@link TimeNode#metricsAddress()} tells the port taken).
   */
  public NodeConfig config(int i) {
    NodeConfig c = ConfigLoader.load(homes.get(i).resolve("config.toml"));
    BlockSection b = c.block();
    MetricsSection m = c.metrics();
    return c.withBlock(
            new BlockSection(blockInterval, emptyBlockInterval, b.maxBlockBytes(), b.maxBlockTxs()))
        .withMetrics(new MetricsSection(m.enabled(), m.bindAddress(), 0));
  }

  /** Rewrites node i's config.toml (e.g. to route its peers through proxies); before it starts. */
  /** The file in which node {@code i} writes its RPC cookie at each start. */
  public Path rpcCookie(int i) {
    return config(i).dataDir().resolve(".cookie");
  }

  public synchronized void rewriteConfig(int i, UnaryOperator<NodeConfig> change) {
    Path file = homes.get(i).resolve("config.toml");
    ConfigLoader.write(file, change.apply(ConfigLoader.load(file)));
  }

  /** Changes node i's config.toml (block pacing aside, which the devnet sets); before it starts. */
  public synchronized void changeConfig(int i, UnaryOperator<NodeConfig> change) {
    Path file = homes.get(i).resolve("config.toml");
    ConfigLoader.write(file, change.apply(ConfigLoader.load(file)));
  }

  /**
   * Gives the stopped validators a history of {@code blocks} empty blocks, each certified by all of
   * them, as if they had been running that long; e.g. for a node that joins far behind.
   */
  public synchronized void prebuildEmptyBlocks(int blocks) {
    if (nodes.stream().anyMatch(n -> n != null)) {
      throw new IllegalStateException("stop every node before writing blocks into their stores");
    }
    List<KeyPair> keys = new ArrayList<>();
    List<Path> chainDirs = new ArrayList<>();
    GenesisConfig genesis = genesis();
    for (int i = 0; i < homes.size(); i++) {
      NodeConfig c = config(i);
      KeyPair k = KeyPair.fromSeed(NodeKeyFile.read(c.keyFile()));
      if (genesis.validatorSet().contains(k.publicKey())) {
        keys.add(k);
        chainDirs.add(c.dataDir().resolve("chain"));
      }
    }
    new ChainPrebuilder(genesis, keys, clock).build(chainDirs, blocks);
  }

  /** Tunes node i's fast sync waits from its next start on. */
  public synchronized void tuneFastSync(int i, org.timecoin.node.fastsync.FastSync.Settings s) {
    fastSyncSettings.put(i, s);
  }

  /** Gives node i a wallet with these keys from its next start on. */
  public synchronized void useKeyRing(int i, org.timecoin.node.wallet.KeyRing keys) {
    keyRings.put(i, keys);
  }

  public synchronized TimeNode start(int i) throws Exception {
    return start(i, UnaryOperator.identity());
  }

  /** Starts node i with its chain's key-value store wrapped, e.g. to inject storage faults. */
  public synchronized TimeNode start(int i, UnaryOperator<KvStore> kvWrapper) throws Exception {
    if (nodes.get(i) != null) {
      throw new IllegalStateException("node " + i + " is running");
    }
    NodeConfig c = config(i);
    TimeNode node =
        new TimeNode(
            c,
            GenesisFile.load(c.genesisFile()),
            KeyPair.fromSeed(NodeKeyFile.read(c.keyFile())),
            clock,
            kvWrapper);
    if (keyRings.containsKey(i)) {
      node.useKeyRing(keyRings.get(i));
    }
    if (fastSyncSettings.containsKey(i)) {
      node.withFastSyncSettings(fastSyncSettings.get(i));
    }
    node.start();
    nodes.set(i, node);
    return node;
  }

  public void startAll() throws Exception {
    for (int i = 0; i < homes.size(); i++) {
      start(i);
    }
  }

  public synchronized void stop(int i) {
    TimeNode n = nodes.get(i);
    if (n != null) {
      n.close();
      nodes.set(i, null);
    }
  }

  /**
   * Adds a full node (not a validator) whose only bootstrap peer is validator 0; returns its index.
   */
  public synchronized int addFullNode(int p2pPort, int rpcPort) {
    NodeConfig v0 = config(0);
    return addNode("full", p2pPort, rpcPort, List.of("127.0.0.1:" + v0.network().port()), false);
  }

  /**
   * Adds a node with {@code [masternode] enabled} whose fresh key is in no validator set: it
   * follows the chain until a registration of its key (see {@link #nodeKey}) brings it into a set,
   * and then votes. Its bootstrap (and persistent) peers are every node of the devnet; returns its
   * index.
   */
  public synchronized int addMasternode(int p2pPort, int rpcPort) {
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < homes.size(); i++) {
      peers.add("127.0.0.1:" + config(i).network().port());
    }
    return addNode("masternode", p2pPort, rpcPort, peers, true);
  }

  private int addNode(
      String name, int p2pPort, int rpcPort, List<String> peers, boolean masternode) {
    int i = homes.size();
    Path home = root.resolve(name + i);
    NodeConfig v0 = config(0);
    var n = v0.network();
    NodeConfig c =
        NodeConfig.defaults(home.toAbsolutePath(), org.timecoin.node.config.NetworkName.TESTNET)
            .withNetwork(
                new org.timecoin.node.config.NetworkSection(
                    "127.0.0.1",
                    p2pPort,
                    peers,
                    n.maxOutboundPeers(),
                    n.maxInboundPeers(),
                    n.pingInterval(),
                    n.peerTimeout(),
                    n.maxFrameBytes(),
                    false,
                    n.compression()))
            .withRpc(
                new org.timecoin.node.config.RpcSection(
                    true, "127.0.0.1", rpcPort, v0.rpc().maxRequestBytes()))
            .withMasternode(new MasternodeSection(masternode, ""))
            .withSecurity(org.timecoin.node.config.DevnetLayout.loopbackSources(v0.security()));
    ConfigLoader.write(home.resolve("config.toml"), c);
    NodeKeyFile.create(c.keyFile(), new SecureRandom());
    GenesisFile.write(c.genesisFile(), genesis());
    homes.add(home);
    nodes.add(null);
    return i;
  }

  /** Node i's key (its node key, which a masternode signs votes with). */
  public KeyPair nodeKey(int i) {
    return KeyPair.fromSeed(NodeKeyFile.read(config(i).keyFile()));
  }

  /** The running node i, or null when stopped. */
  public synchronized TimeNode node(int i) {
    return nodes.get(i);
  }

  public synchronized List<TimeNode> running() {
    return nodes.stream().filter(n -> n != null).toList();
  }

  /** One line per node: height, consensus state and peers, for diagnostics. */
  public synchronized String describe() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      TimeNode n = nodes.get(i);
      sb.append("\nnode").append(i).append(": ");
      if (n == null) {
        sb.append("stopped");
      } else {
        sb.append("height ")
            .append(n.chain().height())
            .append(", peers ")
            .append(n.network().peers().size())
            .append(", syncing ")
            .append(n.sync().syncing())
            .append(", ")
            .append(n.consensus().status());
      }
    }
    return sb.toString();
  }

  @Override
  public synchronized void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      stop(i);
    }
  }
}
