package org.timecoin.node.api;

/** Operator actions on a running node. */
public interface NodeControl {
  /** Starts an orderly shutdown and returns at once. */
  void requestStop();
}
