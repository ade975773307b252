package org.timecoin.node.api;

/**
 * Thrown by a query the node cannot answer yet because it is still starting (e.g. fast-syncing its
 * state from a snapshot); the message says what it is doing. RPC answers it with the "warming up"
 * error code, so clients know to retry.
 */
public final class NodeStarting extends RuntimeException {
  public NodeStarting(String message) {
    super(message, null, false, false);
  }
}
