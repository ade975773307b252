package org.timecoin.node.sync;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.p2p.PeerNetwork;

/**
 * Answers block range requests from stored blocks, within each peer's {@link ServingBudget} and at
 * most {@code maxRangeBlocks} blocks or {@code maxResponseBytes} per answer. Runs on the sync lane
 * (it reads the disk).
 */
final class BlockServer {
  /** Standing lost per {@link ServingBudget#GROSS_DROPS} requests dropped in a row. */
  static final int OVER_BUDGET_PENALTY = 2;

  private final LocalChain chain;
  private final PeerNetwork network;
  private final ServingBudget budget;
  private final int maxResponseBytes;
  private final int maxRangeBlocks;

  BlockServer(
      LocalChain chain,
      PeerNetwork network,
      ServingBudget budget,
      int maxResponseBytes,
      int maxRangeBlocks) {
    this.chain = chain;
    this.network = network;
    this.budget = budget;
    this.maxResponseBytes = maxResponseBytes;
    this.maxRangeBlocks = maxRangeBlocks;
  }

  void onGetBlocks(PublicKey from, GetBlocks req) {
    long tip = chain.height();
    if (req.from() > tip) {
      return; // nothing to serve: costs a tip read, no budget
    }
    switch (budget.admit(from)) {
      case SERVE -> {}
      case DROP -> {
        return;
      }
      case DROP_AND_PENALIZE -> {
        network.penalize(from, OVER_BUDGET_PENALTY, "asked for blocks far beyond its budget");
        return;
      }
    }
    List<CertifiedBlock> out = new ArrayList<>();
    long bytes = 0;
    long end = req.from() + Math.min(req.count(), maxRangeBlocks);
    for (long h = Math.max(1, req.from()); h < end && h <= tip; h++) {
      Block b = chain.store().blocks().blockAt(h).orElse(null);
      CommitCertificate c = chain.store().blocks().certificateAt(h).orElse(null);
      if (b == null || c == null) {
        break;
      }
      long size = b.encodedSize() + 64L * c.signatures().size() + 64;
      if (!out.isEmpty() && bytes + size > maxResponseBytes) {
        break;
      }
      bytes += size;
      out.add(new CertifiedBlock(b, c));
    }
    budget.charge(from, Math.max(1, bytes));
    if (!out.isEmpty()) {
      network.send(from, NodeMessages.BLOCKS, new Blocks(out));
    }
  }

  long dropped() {
    return budget.dropped();
  }
}
