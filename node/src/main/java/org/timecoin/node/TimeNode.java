package org.timecoin.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.runtime.ConsensusRuntime;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.chain.BlockStoredTimes;
import org.timecoin.node.chain.ChainStoreOpener;
import org.timecoin.node.chain.FinalityWatch;
import org.timecoin.node.chain.HeldBackPool;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.chain.ValidationPool;
import org.timecoin.node.chain.ValidatorPriority;
import org.timecoin.node.chainspec.ChainSpecExport;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.clock.ClockCheck;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.consensus.CompactProposals;
import org.timecoin.node.consensus.ConsensusHandler;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.consensus.ProposalSender;
import org.timecoin.node.fastsync.FastSync;
import org.timecoin.node.fastsync.FastSyncBootstrap;
import org.timecoin.node.fastsync.FastSyncProgress;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.RegistryRules;
import org.timecoin.node.mempool.TransactionHandler;
import org.timecoin.node.mempool.TxAnnouncements;
import org.timecoin.node.mempool.TxRelay;
import org.timecoin.node.metrics.MetricsServer;
import org.timecoin.node.metrics.NodeMeters;
import org.timecoin.node.metrics.NodeMetrics;
import org.timecoin.node.production.SettledTransactionNotice;
import org.timecoin.node.sync.BlockSync;
import org.timecoin.node.sync.SnapshotServer;
import org.timecoin.node.wallet.Wallet;
import org.timecoin.p2p.P2pNode;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.snapshot.SnapshotKeeper;

/**
 * One node: chain store, mempool, P2P network, consensus runtime (voting when it is a validator,
 * following otherwise), block sync and, when the rpc module is present, JSON-RPC. {@link #start()}
 * starts the parts in dependency order; {@link #close()} stops them in reverse order.
 */
public final class TimeNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TimeNode.class);

  /** Transactions waiting for their signature check, at most (about a second of work). */
  static final int ADMISSION_QUEUE = 8_192;

  private final NodeConfig config;
  private final GenesisConfig genesis;
  private final KeyPair key;
  private final boolean validator;
  private final Clock clock;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CompletableFuture<String> stopRequested = new CompletableFuture<>();
  private final UnaryOperator<KvStore> kvWrapper;

  private LocalChain chain;
  private Mempool mempool;
  private TxRelay txRelay;
  private P2pNode network;
  private ConsensusRuntime runtime;
  private FastSync.Settings fastSyncSettings = FastSync.Settings.defaults();
  private final FastSyncProgress fastSyncProgress;
  private NodeProtocols protocols;
  private NodeQueries queries;
  private final NodeRpc rpc;
  private final NodeContext context;
  private org.timecoin.node.wallet.KeyRing keyRing;
  private NodeWalletParts wallet;

  /** The key that signs proposals and votes: [masternode] operator_key_file, else the node key. */
  private KeyPair operator;

  private NodeMetrics metrics;
  private MetricsServer metricsServer;

  public TimeNode(NodeConfig config, GenesisConfig genesis, KeyPair key, Clock clock) {
    this(config, genesis, key, clock, UnaryOperator.identity());
  }

  /**
   * @param kvWrapper wraps the chain's key-value store as it opens (tests inject storage faults)
   */
  public TimeNode(
      NodeConfig config,
      GenesisConfig genesis,
      KeyPair key,
      Clock clock,
      UnaryOperator<KvStore> kvWrapper) {
    this.kvWrapper = kvWrapper;
    this.config = config;
    this.genesis = genesis;
    this.key = key;
    this.clock = clock;
    this.fastSyncProgress = new FastSyncProgress(clock);
    this.validator = config.masternode().enabled();
    this.rpc = new NodeRpc(config, () -> requestStop("stop requested over RPC"), started::push);
    this.context = new NodeContext(config, genesis, clock, started::push, this::requestStop);
  }

  public synchronized void start() throws Exception {
    operator =
        config
            .masternode()
            .operatorKeyPath(config.baseDir())
            .map(p -> KeyPair.fromSeed(org.timecoin.node.config.NodeKeyFile.read(p)))
            .orElse(key);
    try {
      startParts();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    Path data = config.dataDir();
    metrics = new NodeMetrics();
    started.push(metrics);
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    ValidationPool validation =
        new ValidationPool(cores, Thread.ofPlatform().name("validation-", 0).daemon().factory());
    started.push(validation::shutdownNow);
    ExecutorService delivery =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("p2p-delivery-", 0).daemon().factory());
    started.push(delivery::shutdownNow);
    ChainStore store = openChain(data, validation, delivery, cores);
    ExecutorService admission = admissionPool(cores);
    // First listener: the time a block was stored, before the others' work is done.
    BlockStoredTimes storedTimes = new BlockStoredTimes(clock);
    chain.addListener(storedTimes);
    ExecutorScheduler scheduler = new ExecutorScheduler("node-timer");
    started.push(scheduler);
    wallet = NodeWalletParts.open(context, keyRing);
    joinNetwork(data, delivery);
    startMempool(scheduler, admission);
    wallet.attach(chain, mempool);
    ProposalSender proposals = new ProposalSender(network, config.network().compactRelay());
    runtime =
        NodeConsensus.build(
            context,
            new NodeConsensus.Over(chain, mempool, network, proposals),
            scheduler,
            validation,
            metrics.registry(),
            operator,
            validator);
    protocols =
        new NodeProtocols(
            context,
            new NodeProtocols.Served(chain, store, network, runtime, mempool, txRelay),
            scheduler,
            validation,
            proposals);
    ClockCheck clockCheck = startServing(scheduler);
    queries = buildQueries(storedTimes, clockCheck);
    startRpc();
    NodeMeters.bind(metrics, this);
    if (config.metrics().enabled()) {
      metricsServer = MetricsServer.start(config.metrics(), metrics::scrape);
      started.push(metricsServer);
    }
    logStarted();
  }

  /** The chain store (fast-synced first when new) and the chain over it. */
  private ChainStore openChain(
      Path data, ValidationPool validation, ExecutorService delivery, int cores) throws Exception {
    ChainStore store =
        ChainStoreOpener.open(
            config.storage().storeConfig(data.resolve("chain")), genesis.chainId(), kvWrapper);
    started.push(store);
    fastSyncIfNew(store, data, delivery);
    chain =
        new LocalChain(
            store,
            genesis,
            new SignatureCache(1_000_000),
            validation,
            cores,
            clock,
            validation.background());
    started.push(chain);
    chain.initialize();
    return store;
  }

  private ExecutorService admissionPool(int cores) {
    // Transactions are admitted on their own pool, so a backlog of transactions to verify never
    // queues ahead of proposal validation and vote checks on the validation pool; its threads make
    // way while a block is validated or stored (the block is what every validator waits for).
    // Its queue is bounded: beyond ADMISSION_QUEUE waiting checks a transaction is refused as busy
    // rather than admitted seconds later.
    int admitters = Math.max(1, cores - 1);
    ExecutorService admission =
        new HeldBackPool(
            admitters,
            ADMISSION_QUEUE,
            chain.blockWork(),
            Thread.ofPlatform().name("tx-admission-", 0).daemon().factory());
    started.push(admission::shutdownNow);
    return admission;
  }

  private void joinNetwork(Path data, ExecutorService delivery) throws Exception {
    network =
        new P2pNode(
            NodeP2pConfig.of(config, genesis, data, validator),
            key,
            delivery,
            clock,
            () -> chain.height());
    // Links to the validators of the current and the next epoch get the short keep-alive; the
    // list follows the sets as epochs pass.
    ValidatorPriority priority = new ValidatorPriority(chain, network::prioritize);
    priority.refresh();
    chain.addListener((block, cert) -> priority.refresh());
  }

  private void startMempool(ExecutorScheduler scheduler, ExecutorService admission) {
    // The relay encodes a frame per peer every few milliseconds: on its own thread, not on the one
    // that runs consensus timeouts.
    ExecutorScheduler relayTimer = new ExecutorScheduler("tx-relay");
    started.push(relayTimer);
    txRelay =
        new TxRelay(
            network, relayTimer, config.network().maxFrameBytes(), config.network().compactRelay());
    SettledTransactionNotice settled =
        new SettledTransactionNotice(
            clock,
            scheduler,
            NodeConsensus.PROPOSE_AFTER,
            () -> {
              if (runtime != null) {
                runtime.transactionsAvailable();
              }
            });
    mempool =
        new Mempool(
            genesis.chainId(),
            genesis.params(),
            chain.utxoView(),
            RegistryRules.over(
                genesis.chainId(), chain.registry(), chain::height, genesis.params().epochBlocks()),
            chain.signatures(),
            admission,
            config.node().mempoolPolicy(),
            tx -> {
              txRelay.relay(tx);
              settled.admitted();
            },
            clock);
    chain.addBeforeApplyListener(mempool::beforeBlockApplied);
    chain.addListener((block, cert) -> mempool.onBlockCommitted(block));
  }

  /** Starts the network, consensus and block sync; the clock check it returns runs too. */
  private ClockCheck startServing(ExecutorScheduler scheduler) {
    network.start();
    started.push(network);
    ClockCheck clockCheck =
        new ClockCheck(network::peers, genesis.params().maxClockDriftMs(), scheduler);
    clockCheck.start();
    started.push(clockCheck);
    runtime.start();
    started.push(runtime);
    runtime.failure().thenAccept(t -> requestStop("consensus halted: " + t));
    protocols.sync.start();
    started.push(protocols.sync);
    return clockCheck;
  }

  private NodeQueries buildQueries(BlockStoredTimes storedTimes, ClockCheck clockCheck) {
    Network addressNetwork = genesis.network();
    // Waiters time out on a thread of their own, so many expiring together delay no other timer.
    ExecutorScheduler finalityTimer = new ExecutorScheduler("finality-watch");
    started.push(finalityTimer);
    FinalityWatch finality =
        new FinalityWatch(
            finalityTimer.executor(),
            config.rpc().maxFinalityWaiters(),
            config.rpc().maxFinalityWaitersPerTxid());
    chain.addListener(finality);
    return new NodeQueries(
        chain,
        mempool,
        network,
        runtime::status,
        protocols.sync,
        finality,
        storedTimes,
        addressNetwork,
        validator,
        validator ? operator.publicKey().toHex() : null,
        clock,
        clockCheck::offsetMillis,
        () -> ChainSpecFile.toJson(ChainSpecExport.of(config, genesis)));
  }

  private void logStarted() {
    log.info(
        "node {} started as {} at height {}; p2p {}{}{}",
        key.publicKey().toHex(),
        !validator
            ? "full node"
            : chain.validators().contains(operator.publicKey())
                ? "masternode, voting"
                : "masternode, not in the current validator set (following until an epoch whose"
                    + " set holds its key)",
        chain.height(),
        network.localAddress(),
        rpc.address().map(a -> ", rpc " + a).orElse(""),
        metricsServer == null ? "" : ", metrics " + metricsUrl(metricsServer.address()));
  }

  /**
   * A node with no block yet takes its state from a peer's snapshot when fast sync is on, with RPC
   * started first to show its phase (see {@link FastSyncBootstrap#runIfNew}).
   */
  private void fastSyncIfNew(ChainStore store, Path data, ExecutorService delivery)
      throws Exception {
    FastSyncBootstrap.runIfNew(
        store,
        genesis,
        config.sync().fastSync(),
        clock,
        () -> {
          startRpcEarly();
          return new P2pNode(
              NodeP2pConfig.of(config, genesis, data, validator), key, delivery, clock, () -> 0L);
        },
        fastSyncSettings,
        fastSyncProgress);
  }

  private void startRpc() throws Exception {
    rpc.serve(
        queries,
        queries,
        wallet.keys(),
        wallet.spending(),
        wallet.masternodes(operator, validator, network.localAddress()));
  }

  /**
   * Starts RPC before the node's parts, answering from {@link StartupRpc}'s stand-ins until {@link
   * #startRpc()} switches it to them: an operator sees the fast sync's phase.
   */
  private void startRpcEarly() throws Exception {
    if (rpc.enabled()) {
      rpc.startEarly(
          new StartupRpc(
              genesis,
              validator,
              () -> fastSyncProgress.view().describe(),
              clock.monoNanos(),
              clock));
    }
  }

  /** Completes with a reason when something asks the node to stop (RPC stop, consensus halt). */
  public CompletableFuture<String> stopRequested() {
    return stopRequested;
  }

  public void requestStop(String reason) {
    stopRequested.complete(reason);
  }

  /**
   * Keys to spend with instead of the wallet file's (tests, devnets); call before {@link #start()}.
   */
  public void useKeyRing(org.timecoin.node.wallet.KeyRing keys) {
    this.keyRing = keys;
  }

  /** The spending side of the node's wallet: sends, merges, raw transactions, history. */
  public org.timecoin.node.wallet.WalletSpender spender() {
    return wallet.spender();
  }

  public LocalChain chain() {
    return chain;
  }

  public Mempool mempool() {
    return mempool;
  }

  public TransactionHandler transactions() {
    return protocols.transactions;
  }

  public ConsensusRuntime consensus() {
    return runtime;
  }

  public TxAnnouncements txAnnouncements() {
    return protocols.txAnnouncements;
  }

  public CompactProposals compactProposals() {
    return protocols.compactProposals;
  }

  public ConsensusHandler consensusHandler() {
    return protocols.consensus;
  }

  /** Tunes the fast sync's waits (tests, benchmarks); call before {@link #start()}. */
  public TimeNode withFastSyncSettings(FastSync.Settings settings) {
    this.fastSyncSettings = settings;
    return this;
  }

  /** Serves snapshots and epoch proofs to fast-syncing peers. */
  public SnapshotServer snapshotServer() {
    return protocols.snapshotServer;
  }

  /** The snapshots this node keeps and serves. */
  public SnapshotKeeper snapshots() {
    return protocols.keeper;
  }

  /** Where the fast sync is (its phase is "blocks" once block sync runs). */
  public FastSyncProgress fastSyncProgress() {
    return fastSyncProgress;
  }

  public BlockSync sync() {
    return protocols.sync;
  }

  /** What the RPC server sees of this node. */
  public org.timecoin.node.api.ChainQueries queries() {
    return queries;
  }

  public P2pNode network() {
    return network;
  }

  public Optional<InetSocketAddress> rpcAddress() {
    return rpc.address();
  }

  static String metricsUrl(InetSocketAddress a) {
    return "http://" + a.getHostString() + ":" + a.getPort() + "/metrics";
  }

  /** Where Prometheus scrapes this node, when [metrics] is enabled. */
  public Optional<InetSocketAddress> metricsAddress() {
    return Optional.ofNullable(metricsServer).map(MetricsServer::address);
  }

  /** The node's meters (also served over HTTP when [metrics] is enabled). */
  public NodeMetrics metrics() {
    return metrics;
  }

  public KeyPair key() {
    return key;
  }

  /** The key that signs proposals and votes (the node key unless an operator key file is set). */
  public KeyPair operatorKey() {
    return operator;
  }

  /** The node's wallet (its keys, for spending code). */
  public Wallet wallet() {
    return wallet.wallet();
  }

  public boolean isValidator() {
    return validator;
  }

  /** Stops every started part, newest first; safe to call twice. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", part, e.toString());
      }
    }
  }
}
