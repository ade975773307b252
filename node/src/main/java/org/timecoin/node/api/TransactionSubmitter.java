package org.timecoin.node.api;

import java.util.concurrent.CompletableFuture;

/** Offers a transaction to the node's mempool. */
public interface TransactionSubmitter {
  /** {@code encodedTx} is the canonical encoding of a signed transaction. */
  SubmitResult submit(byte[] encodedTx);

  /**
   * As {@link #submit}, completing when the mempool has decided, without holding the caller's
   * thread meanwhile.
   */
  default CompletableFuture<SubmitResult> submitAsync(byte[] encodedTx) {
    return CompletableFuture.completedFuture(submit(encodedTx));
  }
}
