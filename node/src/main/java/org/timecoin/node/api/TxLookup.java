package org.timecoin.node.api;

/**
 * A transaction found by txid: in a finalized block ({@code blockHeight} ≥ 0) or waiting in the
 * mempool ({@code blockHeight} = -1). {@code confirmations} counts the blocks from its block to the
 * tip, inclusive; with BFT finality one confirmation is final.
 */
public record TxLookup(
    TxView tx, String rawHex, long blockHeight, String blockHash, long confirmations) {
  public boolean finalized() {
    return blockHeight >= 0;
  }
}
