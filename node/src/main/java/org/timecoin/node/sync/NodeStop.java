package org.timecoin.node.sync;

/**
 * Stops the whole node with a reason an operator can act on. Used for faults that are ours, not a
 * peer's: a storage error, or a certified block that does not apply here.
 */
@FunctionalInterface
public interface NodeStop {
  void request(String reason);
}
