package org.timecoin.node.api;

/** Offers a transaction to the node's mempool. */
public interface TransactionSubmitter {
  /** {@code encodedTx} is the canonical encoding of a signed transaction. */
  SubmitResult submit(byte[] encodedTx);
}
