package org.timecoin.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.NodeConfig;

/**
 * What every part of a node is built from: its settings, its chain's genesis, its clock, where a
 * started part goes to be closed with the node (newest first), and how a part asks the node to
 * stop.
 */
record NodeContext(
    NodeConfig config,
    GenesisConfig genesis,
    Clock clock,
    Consumer<AutoCloseable> started,
    Consumer<String> requestStop) {

  /** A single-thread delivery lane named {@code name}, shut down with the node. */
  ExecutorService lane(String name) {
    ExecutorService lane =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon().factory());
    started.accept(lane::shutdownNow);
    return lane;
  }
}
