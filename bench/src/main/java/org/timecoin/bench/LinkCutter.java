package org.timecoin.bench;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** How the recovery benchmark routes its nodes' links and cuts them. */
interface LinkCutter extends AutoCloseable {
  /** The host node i listens on, for P2P and RPC. */
  String host(int i);

  /** What node i dials to reach node j, which listens on {@code port}. */
  String peerAddress(int i, int j, int port) throws IOException;

  /** The command words that start node i's process before {@code java ...}. */
  List<String> launchPrefix(int i);

  /**
   * Cuts ({@code cut} true) or restores every link between a node of {@code side} and a node
   * outside it: nothing passes, nothing is closed.
   */
  void set(Set<Integer> side, boolean cut) throws IOException, InterruptedException;

  @Override
  void close();
}
