package org.timecoin.node.consensus;

/**
 * Where consensus is, read without blocking (a volatile snapshot): the gate measures its height and
 * round windows from it.
 */
public interface ConsensusPosition {
  /** h_p: the height consensus is deciding (or has just decided). */
  long height();

  /** round_p at {@link #height()}. */
  int round();
}
