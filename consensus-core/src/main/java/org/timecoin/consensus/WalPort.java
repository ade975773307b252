package org.timecoin.consensus;

/**
 * Port: the consensus write-ahead log. {@link ConsensusEngine} appends every input before applying
 * it, so replaying the log rebuilds the state. An implementation may start a new segment (and drop
 * old ones) on {@link Input.StartHeight}.
 */
public interface WalPort {
  /**
   * Appends {@code input}. With {@code sync} the record must be durable (fsynced) when this
   * returns: the engine asks for it for this node's own signed messages, before they are sent.
   */
  void append(Input input, boolean sync);

  /** A log that keeps nothing: for followers and tests that do not restart. */
  WalPort NONE = (input, sync) -> {};
}
