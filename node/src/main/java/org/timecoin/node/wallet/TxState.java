package org.timecoin.node.wallet;

import java.util.Locale;

/** Where a wallet transaction stands: it follows the chain, and the chain has the last word. */
public enum TxState {
  /** Signed and offered to the mempool, which has not answered yet. */
  PENDING,
  /** Waiting in the mempool for a block. */
  MEMPOOL,
  /** In a finalized block: it never changes again. */
  FINAL,
  /** Refused by the mempool or evicted from it; its coins are spendable again. */
  REJECTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the transaction may still reach a block through this node. */
  public boolean open() {
    return this == PENDING || this == MEMPOOL;
  }
}
