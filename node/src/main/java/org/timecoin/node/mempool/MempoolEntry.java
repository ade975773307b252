package org.timecoin.node.mempool;

import org.timecoin.domain.tx.Transaction;

/**
 * A waiting transaction with what ordering needs: its fee, size and arrival order; and when it was
 * admitted (monotonic clock).
 */
record MempoolEntry(Transaction tx, long fee, int size, long seq, long admittedNanos)
    implements Comparable<MempoolEntry> {
  /** Best first: higher fee rate, then earlier arrival. */
  @Override
  public int compareTo(MempoolEntry o) {
    int c = FeeRate.compare(o.fee, o.size, fee, size);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }
}
