package org.timecoin.node.config;

import java.nio.file.Path;

/**
 * The whole of config.toml, typed. {@code baseDir} is the directory of the config file; relative
 * paths in {@code [node]} are resolved against it.
 */
public record NodeConfig(
    Path baseDir,
    NodeSection node,
    NetworkSection network,
    RpcSection rpc,
    StorageSection storage,
    ConsensusSection consensus,
    BlockSection block,
    LoggingSection logging,
    MasternodeSection masternode,
    SecuritySection security,
    SyncSection sync,
    MetricsSection metrics) {

  public static NodeConfig defaults(Path baseDir, NetworkName network) {
    return new NodeConfig(
        baseDir,
        NodeSection.defaults(network),
        NetworkSection.defaults(network),
        RpcSection.defaults(network),
        StorageSection.defaults(),
        ConsensusSection.defaults(),
        BlockSection.defaults(),
        LoggingSection.defaults(),
        MasternodeSection.defaults(),
        SecuritySection.defaults(),
        SyncSection.defaults(),
        MetricsSection.defaults(network));
  }

  public Path dataDir() {
    return baseDir.resolve(node.dataDir());
  }

  public Path genesisFile() {
    return baseDir.resolve(node.genesisFile());
  }

  public Path keyFile() {
    return baseDir.resolve(node.keyFile());
  }

  public NodeConfig withNetwork(NetworkSection n) {
    return new NodeConfig(
        baseDir,
        node,
        n,
        rpc,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        metrics);
  }

  public NodeConfig withRpc(RpcSection r) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        r,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        metrics);
  }

  public NodeConfig withMasternode(MasternodeSection m) {
    return new NodeConfig(
        baseDir, node, network, rpc, storage, consensus, block, logging, m, security, sync,
        metrics);
  }

  public NodeConfig withBlock(BlockSection b) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        b,
        logging,
        masternode,
        security,
        sync,
        metrics);
  }

  public NodeConfig withConsensus(ConsensusSection c) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        c,
        block,
        logging,
        masternode,
        security,
        sync,
        metrics);
  }

  public NodeConfig withSecurity(SecuritySection s) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        block,
        logging,
        masternode,
        s,
        sync,
        metrics);
  }

  public NodeConfig withSync(SyncSection y) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        y,
        metrics);
  }

  public NodeConfig withMetrics(MetricsSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        x);
  }

  public NodeConfig withLogging(LoggingSection l) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        block,
        l,
        masternode,
        security,
        sync,
        metrics);
  }

  /** config.toml text for this configuration, every key with a comment. */
  public String toToml() {
    TomlTemplate w = new TomlTemplate();
    w.comment(
        "TIME Coin node configuration. Every key is optional; the values below are the defaults.\n"
            + "Durations are in milliseconds, sizes in bytes.");
    node.writeTo(w);
    network.writeTo(w);
    rpc.writeTo(w);
    storage.writeTo(w);
    consensus.writeTo(w);
    block.writeTo(w);
    logging.writeTo(w);
    masternode.writeTo(w);
    security.writeTo(w);
    sync.writeTo(w);
    metrics.writeTo(w);
    return w.text();
  }
}
