package org.timecoin.node.wallet;

import org.timecoin.common.Hash32;

/**
 * One transaction of the wallet's history, as of now: {@code amount} is the change to the wallet's
 * balance (negative when it paid out, fee included), {@code fee} what the wallet paid; {@code
 * height} is -1 until a block holds it.
 */
public record WalletTx(
    Hash32 txid,
    long amount,
    long fee,
    TxState state,
    long height,
    Hash32 blockHash,
    String reason,
    long timeMillis) {}
