package org.timecoin.node.api;

/**
 * A transaction of the wallet. {@code amount} is what it changed the wallet's balance by (negative
 * for a payment out, fee included), {@code fee} what the wallet paid (0 for a payment in). {@code
 * state} is {@code pending} (being validated), {@code mempool}, {@code final} (in block {@code
 * blockHeight}) or {@code rejected} ({@code reason} says why).
 */
public record WalletTxView(
    String txid,
    long amount,
    long fee,
    String state,
    long blockHeight,
    String blockHash,
    long confirmations,
    String reason,
    long timeMillis) {}
