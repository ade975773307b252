package org.timecoin.node.metrics;

import org.timecoin.node.TimeNode;

/**
 * Binds the meters of a started node's parts to its registry. The parts keep plain counters (or
 * already record into the registry, as the consensus runtime does); this reads them at scrape time,
 * so no hot path takes a lock or reads a clock for metrics.
 */
public final class NodeMeters {
  private NodeMeters() {}

  public static void bind(NodeMetrics metrics, TimeNode node) {
    P2pMeters.bind(metrics, node.network());
    ChainMeters.bindChain(metrics.registry(), node.chain(), node.consensus());
    ChainMeters.bindMempool(metrics, node.mempool());
    ChainMeters.bindSync(metrics.registry(), node.sync());
    StorageMeters.bind(metrics, node.chain().store());
    RelayMeters.bind(metrics.registry(), node.compactProposals(), node.txAnnouncements());
  }
}
