package org.timecoin.node.wallet;

import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Transaction;

/**
 * One transaction of the wallet's history, as of now: {@code amount} is the change to the wallet's
 * balance (negative when it paid out, fee included), {@code fee} what the wallet paid.
 */
public record WalletTx(
    Transaction tx,
    long amount,
    long fee,
    TxState state,
    long height,
    Hash32 blockHash,
    String reason,
    long timeMillis) {
  public Hash32 txid() {
    return tx.txid();
  }
}
