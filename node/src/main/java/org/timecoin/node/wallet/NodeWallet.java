package org.timecoin.node.wallet;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.Mempool;

/** The wallet of a running node over its chain and mempool, with its history file. */
public final class NodeWallet implements AutoCloseable {
  /** Transactions of the history kept. */
  public static final int HISTORY = 10_000;

  /** The history's file in the data directory. */
  public static final String HISTORY_FILE = "wallet-history.jsonl";

  /** Sends waiting to be signed, at most; beyond, a send is refused as busy. */
  static final int SIGN_QUEUE = 1_024;

  private final WalletSpender wallet;
  private final WalletHistoryFile file;
  private final ExecutorService signer;

  private NodeWallet(WalletSpender wallet, WalletHistoryFile file, ExecutorService signer) {
    this.wallet = wallet;
    this.file = file;
    this.signer = signer;
  }

  /**
   * A wallet that follows {@code chain} (registered as a block listener after the mempool, so a
   * transaction a block evicted is already gone when the wallet looks) and submits to {@code
   * mempool}. Its coins are found by a scan of each wallet address's outputs; its settled
   * transactions are read back from {@code dataDir}.
   */
  public static NodeWallet attach(
      KeyRing keys,
      LocalChain chain,
      Mempool mempool,
      SignatureCache signatures,
      long minFeeRate,
      Path dataDir,
      Clock clock) {
    ExecutorService signer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(SIGN_QUEUE),
            Thread.ofPlatform().name("wallet-signer").daemon().factory());
    WalletContext context =
        new WalletContext(
            chain.chainId(), chain.genesis().params(), chain.genesis().network(), minFeeRate);
    WalletHistoryFile file = new WalletHistoryFile(dataDir.resolve(HISTORY_FILE), HISTORY);
    WalletHistory history = new WalletHistory(HISTORY, file::append);
    history.restore(file.read());
    file.compactFrom(history::settledSnapshot);
    WalletSpender.Submitter submitter =
        tx ->
            mempool
                .submit(tx)
                .thenApply(
                    r ->
                        new WalletSpender.Admission(
                            r.admitted(), r.admitted() ? null : r.code() + ": " + r.detail()));
    WalletSpender wallet =
        new WalletSpender(
            keys,
            new WalletCoins(),
            history,
            context,
            new WalletSpender.WalletPorts(
                submitter,
                mempool::contains,
                signatures::markVerified,
                signer,
                chain::height,
                clock));
    chain.addListener(wallet);
    wallet.load(address -> chain.store().utxos().streamUtxos(address));
    return new NodeWallet(wallet, file, signer);
  }

  public WalletSpender spender() {
    return wallet;
  }

  @Override
  public void close() {
    signer.shutdownNow();
    file.close();
  }
}
