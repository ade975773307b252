package org.timecoin.rpc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.timecoin.node.api.AddressCheck;
import org.timecoin.node.api.BlockView;
import org.timecoin.node.api.ChainInfo;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.ConsensusView;
import org.timecoin.node.api.MempoolView;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.PeerView;
import org.timecoin.node.api.SubmitResult;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.UtxoSetView;

/** A node with one block at height 7, for exercising the RPC layer alone. */
public final class FakeNode implements ChainQueries, TransactionSubmitter, NodeControl {
  public static final String HASH = "ab".repeat(32);
  public final AtomicBoolean stopped = new AtomicBoolean();
  public final FakeWallet wallet = new FakeWallet();
  public final FakeMasternodes masternodes = new FakeMasternodes();

  /** When block 7 was stored here; null: not known (stored before the start, or long ago). */
  public volatile Long block7StoredAt = 1_700_000_000_123L;

  @Override
  public ChainInfo chainInfo() {
    return new ChainInfo(
        "testnet",
        "01".repeat(32),
        "02".repeat(32),
        7,
        HASH,
        1000,
        "03".repeat(32),
        false,
        7,
        4,
        true,
        sync);
  }

  /** What getblockchaininfo reports of sync; tests change it. */
  public volatile String syncPhase = "blocks";

  public volatile long snapshotHeight;

  @Override
  public String syncPhase() {
    return syncPhase;
  }

  @Override
  public long snapshotHeight() {
    return snapshotHeight;
  }

  public volatile SyncView sync = new SyncView(SyncView.FOLLOWING, 1.0, 7, 7, 0, 0, "");

  /** The raw encoding of the block at height 7. */
  public static final String RAW_BLOCK = "0001020304";

  @Override
  public Optional<String> rawBlockByHeight(long height) {
    return height == 7 ? Optional.of(RAW_BLOCK) : Optional.empty();
  }

  @Override
  public Optional<String> rawBlockByHash(String hashHex) {
    return HASH.equals(hashHex) ? Optional.of(RAW_BLOCK) : Optional.empty();
  }

  @Override
  public Optional<BlockView> blockByHeight(long height) {
    return height == 7 ? Optional.of(block()) : Optional.empty();
  }

  @Override
  public OptionalLong storedAtMillis(long height) {
    Long at = block7StoredAt;
    return height == 7 && at != null ? OptionalLong.of(at) : OptionalLong.empty();
  }

  @Override
  public Optional<BlockView> blockByHash(String hashHex) {
    return HASH.equals(hashHex) ? Optional.of(block()) : Optional.empty();
  }

  private static BlockView block() {
    TxView cb =
        new TxView(
            "cd".repeat(32),
            true,
            60,
            List.of(),
            List.of(new TxView.OutputView(0, 5000, "TIME0abc")));
    return new BlockView(
        HASH,
        7,
        1,
        "00".repeat(32),
        null,
        "04".repeat(32),
        "03".repeat(32),
        1000,
        "05".repeat(32),
        0,
        300,
        List.of(cb),
        3,
        0);
  }

  @Override
  public List<PeerView> peers() {
    return List.of(new PeerView("06".repeat(32), "127.0.0.1:24100", false, 7, 3, 10, 5, 6));
  }

  @Override
  public ConsensusView consensus() {
    return new ConsensusView(
        "consensus", 8, 0, "propose", "05".repeat(32), 4, 4, 2, true, "05".repeat(32));
  }

  @Override
  public MempoolView mempool() {
    return new MempoolView(1, 250, 100, 1000, 1000, 3, 1);
  }

  @Override
  public List<String> mempoolTxids() {
    return List.of("ef".repeat(32));
  }

  @Override
  public UtxoSetView utxoSet() {
    return new UtxoSetView(7, HASH, 10, 123456, "03".repeat(32));
  }

  @Override
  public AddressCheck validateAddress(String address) {
    if (address.startsWith("TIME1")) {
      return new AddressCheck(
          false, address, "mainnet", "address is for mainnet but this node runs testnet");
    }
    return address.startsWith("TIME0")
        ? new AddressCheck(true, address, "testnet", null)
        : new AddressCheck(false, null, null, "bad prefix");
  }

  @Override
  public Optional<org.timecoin.node.api.TxLookup> transaction(String txidHex) {
    TxView t =
        new TxView(
            "cd".repeat(32),
            true,
            60,
            List.of(),
            List.of(new TxView.OutputView(0, 5000, "TIME0abc")));
    return "cd".repeat(32).equals(txidHex)
        ? Optional.of(new org.timecoin.node.api.TxLookup(t, "00ff", 7, HASH, 1))
        : Optional.empty();
  }

  /** The timeout of the last finality wait. */
  public volatile java.time.Duration lastAwaitTimeout;

  /** When set, finality waits stay pending (in {@link #waiting}) until a test completes them. */
  public volatile boolean holdFinality;

  /** When set, finality waits are refused as the node does when its waiters are at the bound. */
  public volatile boolean refuseFinality;

  public final java.util.Queue<
          java.util.concurrent.CompletableFuture<Optional<org.timecoin.node.api.TxLookup>>>
      waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @Override
  public java.util.concurrent.CompletableFuture<Optional<org.timecoin.node.api.TxLookup>>
      awaitFinality(String txidHex, java.time.Duration timeout) {
    lastAwaitTimeout = timeout;
    if (refuseFinality) {
      return java.util.concurrent.CompletableFuture.failedFuture(
          new java.util.concurrent.RejectedExecutionException("full"));
    }
    if (holdFinality) {
      var f =
          new java.util.concurrent.CompletableFuture<Optional<org.timecoin.node.api.TxLookup>>();
      waiting.add(f);
      return f;
    }
    return java.util.concurrent.CompletableFuture.completedFuture(transaction(txidHex));
  }

  @Override
  public List<org.timecoin.node.api.UnspentOutput> unspent(String address, int limit) {
    if (!address.startsWith("TIME0")) {
      throw new IllegalArgumentException("bad prefix");
    }
    return List.of(
            new org.timecoin.node.api.UnspentOutput("cd".repeat(32), 0, address, 5000, 7, true),
            new org.timecoin.node.api.UnspentOutput("ce".repeat(32), 1, address, 7000, 7, false))
        .subList(0, Math.min(2, limit));
  }

  @Override
  public List<org.timecoin.node.api.ValidatorView> validators() {
    return List.of(
        new org.timecoin.node.api.ValidatorView("05".repeat(32), 1, "free", "TIME0abc", true));
  }

  @Override
  public org.timecoin.node.api.NetworkView networkInfo() {
    return new org.timecoin.node.api.NetworkView(
        "06".repeat(32), "127.0.0.1:24100", 1, 3, 1, 2, -1500);
  }

  @Override
  public String chainSpec() {
    return "{\"chain_spec_version\": 1, \"network\": \"testnet\", \"seeds\": [\"127.0.0.1:24100\"]}";
  }

  @Override
  public long uptimeSeconds() {
    return 42;
  }

  /** When set, submissions stay pending (in {@link #submitting}) until a test completes them. */
  public volatile boolean holdSubmit;

  public final java.util.Queue<java.util.concurrent.CompletableFuture<SubmitResult>> submitting =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  @Override
  public java.util.concurrent.CompletableFuture<SubmitResult> submitAsync(byte[] encodedTx) {
    if (holdSubmit) {
      var f = new java.util.concurrent.CompletableFuture<SubmitResult>();
      submitting.add(f);
      return f;
    }
    return java.util.concurrent.CompletableFuture.completedFuture(submit(encodedTx));
  }

  @Override
  public SubmitResult submit(byte[] encodedTx) {
    if (encodedTx.length == 1 && encodedTx[0] == 0) {
      return SubmitResult.rejected(null, SubmitResult.DECODE_FAILED, "truncated");
    }
    if (encodedTx.length == 1) {
      return SubmitResult.rejected("aa".repeat(32), "missing-inputs", "input not found");
    }
    return SubmitResult.accepted("aa".repeat(32));
  }

  @Override
  public void requestStop() {
    stopped.set(true);
  }
}
