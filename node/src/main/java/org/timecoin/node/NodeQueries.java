package org.timecoin.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.CodecException;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.runtime.ConsensusStatus;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.api.AddressCheck;
import org.timecoin.node.api.BlockView;
import org.timecoin.node.api.ChainInfo;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.ConsensusView;
import org.timecoin.node.api.MempoolView;
import org.timecoin.node.api.NetworkView;
import org.timecoin.node.api.PeerView;
import org.timecoin.node.api.SubmitResult;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.TxLookup;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.UtxoSetView;
import org.timecoin.node.api.ValidatorView;
import org.timecoin.node.chain.BlockStoredTimes;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.sync.SyncStatus;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.storage.ChainTip;

/** Answers RPC questions from the node's components; runs on RPC worker threads. */
final class NodeQueries implements ChainQueries, TransactionSubmitter {
  private static final Logger log = LoggerFactory.getLogger(NodeQueries.class);

  private final LocalChain chain;
  private final Mempool mempool;
  private final PeerNetwork network;
  private final java.util.function.Supplier<ConsensusStatus> consensus;
  private final SyncStatus sync;
  private final org.timecoin.node.chain.FinalityWatch finality;
  private final BlockStoredTimes storedTimes;
  private final Network addressNetwork;
  private final boolean validator;
  private final String localKey;
  private final Clock clock;
  private final long startedNanos;
  private final java.util.function.LongSupplier timeOffsetMillis;
  private final java.util.function.Supplier<String> chainSpec;
  private final AtomicLong utxoSummaryHeight = new AtomicLong(-1);
  private volatile UtxoSetView utxoSummary;

  NodeQueries(
      LocalChain chain,
      Mempool mempool,
      PeerNetwork network,
      java.util.function.Supplier<ConsensusStatus> consensus,
      SyncStatus sync,
      org.timecoin.node.chain.FinalityWatch finality,
      BlockStoredTimes storedTimes,
      Network addressNetwork,
      boolean validator,
      String localKey,
      Clock clock,
      java.util.function.LongSupplier timeOffsetMillis,
      java.util.function.Supplier<String> chainSpec) {
    this.timeOffsetMillis = timeOffsetMillis;
    this.chainSpec = chainSpec;
    this.chain = chain;
    this.mempool = mempool;
    this.network = network;
    this.consensus = consensus;
    this.sync = sync;
    this.finality = finality;
    this.storedTimes = storedTimes;
    this.addressNetwork = addressNetwork;
    this.validator = validator;
    this.localKey = localKey;
    this.clock = clock;
    this.startedNanos = clock.monoNanos();
  }

  @Override
  public long height() {
    return chain.height();
  }

  @Override
  public OptionalLong storedAtMillis(long height) {
    return storedTimes.storedAtMillis(height);
  }

  @Override
  public ChainInfo chainInfo() {
    var tip = chain.tipHeader();
    return new ChainInfo(
        addressNetwork.name().toLowerCase(java.util.Locale.ROOT),
        chain.chainId().toHex(),
        chain.genesisHash().toHex(),
        tip.height(),
        tip.hash().toHex(),
        tip.timestamp(),
        tip.stateRoot().toHex(),
        sync.syncing(),
        sync.bestPeerHeight(),
        chain.validators().size(),
        validator,
        sync.view());
  }

  @Override
  public Optional<BlockView> blockByHeight(long height) {
    return chain.store().blocks().blockAt(height).map(this::view);
  }

  @Override
  public Optional<BlockView> blockByHash(String hashHex) {
    return chain.store().blocks().block(Hash32.fromHex(hashHex)).map(this::view);
  }

  @Override
  public Optional<String> rawBlockByHeight(long height) {
    return chain.store().blocks().blockAt(height).map(NodeQueries::hex);
  }

  @Override
  public Optional<String> rawBlockByHash(String hashHex) {
    return chain.store().blocks().block(Hash32.fromHex(hashHex)).map(NodeQueries::hex);
  }

  private static String hex(Block b) {
    return java.util.HexFormat.of().formatHex(Block.CODEC.encode(b));
  }

  private BlockView view(Block b) {
    Optional<CommitCertificate> cert = chain.store().blocks().certificateAt(b.height());
    String next =
        chain.store().blocks().blockAt(b.height() + 1).map(n -> n.hash().toHex()).orElse(null);
    List<TxView> txs = new ArrayList<>(b.txs().size());
    for (Transaction tx : b.txs()) {
      txs.add(txView(tx));
    }
    var h = b.header();
    return new BlockView(
        b.hash().toHex(),
        b.height(),
        h.version(),
        h.prevHash().toHex(),
        next,
        h.txRoot().toHex(),
        h.stateRoot().toHex(),
        h.timestamp(),
        h.proposer().toHex(),
        h.round(),
        b.encodedSize(),
        txs,
        cert.map(c -> c.signatures().size()).orElse(0),
        cert.map(CommitCertificate::round).orElse(0));
  }

  private TxView txView(Transaction tx) {
    List<TxView.InputView> ins = new ArrayList<>();
    for (TxIn in : tx.inputs()) {
      ins.add(
          new TxView.InputView(in.prev().txid().toHex(), in.prev().index(), in.pubKey().toHex()));
    }
    List<TxView.OutputView> outs = new ArrayList<>();
    for (int i = 0; i < tx.outputs().size(); i++) {
      TxOut o = tx.outputs().get(i);
      outs.add(new TxView.OutputView(i, o.amount(), o.address().toText(addressNetwork)));
    }
    return new TxView(tx.txid().toHex(), tx.isCoinbase(), tx.encodedSize(), ins, outs);
  }

  @Override
  public List<PeerView> peers() {
    long now = clock.wallMillis();
    List<PeerView> out = new ArrayList<>();
    for (PeerInfo p : network.peers()) {
      out.add(
          new PeerView(
              p.nodeKey().toHex(),
              p.listenAddress() != null
                  ? p.listenAddress().toString()
                  : String.valueOf(p.remoteAddress()),
              p.direction().name().startsWith("IN"),
              Math.max(p.bestHeight(), sync.peerHeight(p.nodeKey())),
              p.rtt().map(Duration::toMillis).orElse(-1L),
              Math.max(0, (now - p.connectedAtMillis()) / 1000),
              p.bytesReceived(),
              p.bytesSent()));
    }
    return out;
  }

  @Override
  public ConsensusView consensus() {
    ConsensusStatus s = consensus.get();
    return new ConsensusView(
        sync.syncing() ? "sync" : (s.halted() ? "halted: " + s.haltReason() : "consensus"),
        s.height(),
        s.round(),
        String.valueOf(s.step()),
        s.proposer() == null ? null : s.proposer().toHex(),
        chain.validators().size(),
        chain.validators().totalPower(),
        s.totalRoundChanges(),
        validator,
        localKey);
  }

  @Override
  public MempoolView mempool() {
    return new MempoolView(
        mempool.size(),
        mempool.bytes(),
        mempool.maxTxs(),
        mempool.maxBytes(),
        chain.genesis().params().minFee(),
        mempool.admittedCount(),
        mempool.rejectedCount());
  }

  @Override
  public List<String> mempoolTxids() {
    return mempool.txids().stream().map(Hash32::toHex).toList();
  }

  /** A full scan of the UTXO set; cached per height since it is O(set size). */
  @Override
  public UtxoSetView utxoSet() {
    ChainTip tip = chain.store().tip().orElseThrow();
    UtxoSetView cached = utxoSummary;
    if (cached != null && utxoSummaryHeight.get() == tip.height()) {
      return cached;
    }
    long count = 0;
    long total = 0;
    try (Stream<Utxo> all = chain.store().utxos().streamUtxos()) {
      for (var it = all.iterator(); it.hasNext(); ) {
        count++;
        total += it.next().amount();
      }
    }
    UtxoSetView v =
        new UtxoSetView(
            tip.height(), tip.blockHash().toHex(), count, total, tip.stateRoot().toHex());
    utxoSummary = v;
    utxoSummaryHeight.set(tip.height());
    return v;
  }

  @Override
  public AddressCheck validateAddress(String address) {
    return AddressChecks.check(address, addressNetwork);
  }

  @Override
  public Optional<TxLookup> transaction(String txidHex) {
    Hash32 txid = Hash32.fromHex(txidHex);
    long tip = chain.height();
    Optional<TxLookup> stored =
        chain
            .store()
            .blocks()
            .txLocation(txid)
            .flatMap(
                loc ->
                    chain
                        .store()
                        .blocks()
                        .transaction(txid)
                        .map(tx -> lookup(tx, loc.height(), tip)));
    if (stored.isPresent()) {
      return stored;
    }
    return mempool.get(txid).map(tx -> new TxLookup(txView(tx), hex(tx), -1, null, 0));
  }

  private TxLookup lookup(Transaction tx, long height, long tip) {
    String blockHash =
        chain.store().blocks().blockAt(height).map(b -> b.hash().toHex()).orElse(null);
    return new TxLookup(txView(tx), hex(tx), height, blockHash, height < 0 ? 0 : tip - height + 1);
  }

  private static String hex(Transaction tx) {
    return java.util.HexFormat.of().formatHex(Transaction.CODEC.encode(tx));
  }

  @Override
  public java.util.concurrent.CompletableFuture<Optional<TxLookup>> awaitFinality(
      String txidHex, Duration timeout) {
    Hash32 txid = Hash32.fromHex(txidHex);
    java.util.concurrent.CompletableFuture<Boolean> done = finality.await(txid, timeout);
    if (chain.store().blocks().txLocation(txid).isPresent()) {
      done.complete(true);
    }
    return done.thenApply(final_ -> transaction(txidHex));
  }

  @Override
  public List<UnspentOutput> unspent(String address, int limit) {
    Address a;
    try {
      a = Address.parse(address, addressNetwork);
    } catch (AddressFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<UnspentOutput> out = new ArrayList<>();
    try (Stream<Utxo> s = chain.store().utxos().streamUtxos(a)) {
      s.limit(limit)
          .forEach(
              u ->
                  out.add(
                      new UnspentOutput(
                          u.outPoint().txid().toHex(),
                          u.outPoint().index(),
                          address,
                          u.amount(),
                          u.height(),
                          u.coinbase())));
    }
    return out;
  }

  @Override
  public List<ValidatorView> validators() {
    List<ValidatorView> out = new ArrayList<>();
    for (var v : chain.validators().validators()) {
      boolean connected = v.key().equals(network.nodeKey()) || network.peer(v.key()).isPresent();
      out.add(
          new ValidatorView(
              v.key().toHex(),
              v.votingPower(),
              v.tier().name().toLowerCase(java.util.Locale.ROOT),
              v.rewardAddress().toText(addressNetwork),
              connected));
    }
    return out;
  }

  @Override
  public NetworkView networkInfo() {
    List<PeerInfo> peers = network.peers();
    int inbound = (int) peers.stream().filter(p -> p.direction().name().startsWith("IN")).count();
    return new NetworkView(
        network.nodeKey().toHex(),
        String.valueOf(network.localAddress()),
        org.timecoin.p2p.P2pConfig.PROTOCOL_VERSION,
        peers.size(),
        inbound,
        peers.size() - inbound,
        timeOffsetMillis.getAsLong());
  }

  @Override
  public String chainSpec() {
    return chainSpec.get();
  }

  @Override
  public long snapshotHeight() {
    return chain.store().baseHeight();
  }

  @Override
  public long uptimeSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(clock.monoNanos() - startedNanos);
  }

  @Override
  public SubmitResult submit(byte[] encodedTx) {
    try {
      return submitAsync(encodedTx).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SubmitResult.rejected(null, "interrupted", "node is stopping");
    } catch (java.util.concurrent.ExecutionException e) {
      return SubmitResult.rejected(null, "internal-error", "admission failed");
    }
  }

  @Override
  public java.util.concurrent.CompletableFuture<SubmitResult> submitAsync(byte[] encodedTx) {
    Transaction tx;
    try {
      tx = Transaction.CODEC.decode(encodedTx);
    } catch (CodecException | IllegalArgumentException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(
          SubmitResult.rejected(null, SubmitResult.DECODE_FAILED, e.getMessage()));
    }
    String txid = tx.txid().toHex();
    return mempool
        .submit(tx)
        .copy()
        .orTimeout(30, TimeUnit.SECONDS)
        .handle(
            (r, error) -> {
              if (error == null) {
                return r.admitted()
                    ? SubmitResult.accepted(txid)
                    : SubmitResult.rejected(txid, r.code(), r.detail());
              }
              Throwable cause =
                  error instanceof java.util.concurrent.CompletionException
                          && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof TimeoutException) {
                return SubmitResult.rejected(txid, "timeout", "validation did not finish in 30 s");
              }
              log.warn("admission of {} failed", txid, cause);
              return SubmitResult.rejected(txid, "internal-error", "admission failed");
            });
  }
}
