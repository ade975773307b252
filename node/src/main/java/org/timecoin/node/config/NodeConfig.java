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
    WalletSection wallet,
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
        WalletSection.defaults(),
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

  /** The wallet file: {@code [wallet] file} in the data directory. */
  public Path walletFile() {
    return dataDir().resolve(wallet.file());
  }

  public NodeConfig withNetwork(NetworkSection x) {
    return new NodeConfig(
        baseDir,
        node,
        x,
        rpc,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withStorage(StorageSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        x,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withRpc(RpcSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        x,
        storage,
        consensus,
        block,
        logging,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withLogging(LoggingSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        block,
        x,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withMasternode(MasternodeSection x) {
    return new NodeConfig(
        baseDir, node, network, rpc, storage, consensus, block, logging, x, security, sync, wallet,
        metrics);
  }

  public NodeConfig withBlock(BlockSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        consensus,
        x,
        logging,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withConsensus(ConsensusSection x) {
    return new NodeConfig(
        baseDir,
        node,
        network,
        rpc,
        storage,
        x,
        block,
        logging,
        masternode,
        security,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withSecurity(SecuritySection x) {
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
        x,
        sync,
        wallet,
        metrics);
  }

  public NodeConfig withSync(SyncSection x) {
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
        x,
        wallet,
        metrics);
  }

  public NodeConfig withWallet(WalletSection x) {
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
        x,
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
        wallet,
        x);
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
    wallet.writeTo(w);
    metrics.writeTo(w);
    return w.text();
  }
}
