package org.timecoin.node.wallet;

import org.timecoin.common.time.Clock;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.Mempool;

/** Builds the wallet of a running node over its chain and mempool. */
public final class NodeWallet {
  /** Transactions of the history kept in memory. */
  public static final int HISTORY = 10_000;

  private NodeWallet() {}

  /**
   * A wallet that follows {@code chain} (registered as a block listener after the mempool, so a
   * transaction a block evicted is already gone when the wallet looks) and submits to {@code
   * mempool}. Its coins are found by a scan of each wallet address's outputs.
   */
  public static Wallet attach(
      KeyRing keys, LocalChain chain, Mempool mempool, long minFeeRate, Clock clock) {
    WalletContext context =
        new WalletContext(
            chain.chainId(), chain.genesis().params(), chain.genesis().network(), minFeeRate);
    Wallet wallet =
        new Wallet(
            keys,
            new WalletCoins(),
            new WalletHistory(HISTORY),
            context,
            tx ->
                mempool
                    .submit(tx)
                    .thenApply(
                        r ->
                            new Wallet.Admission(
                                r.admitted(), r.admitted() ? null : r.code() + ": " + r.detail())),
            mempool::contains,
            chain::height,
            clock);
    chain.addListener(wallet);
    wallet.load(address -> chain.store().utxos().streamUtxos(address));
    return wallet;
  }
}
