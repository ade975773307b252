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

/** Answers block range requests from stored blocks; runs on the delivery executor (reads disk). */
final class BlockServer {
  private final LocalChain chain;
  private final PeerNetwork network;
  private final int maxResponseBytes;

  BlockServer(LocalChain chain, PeerNetwork network, int maxResponseBytes) {
    this.chain = chain;
    this.network = network;
    this.maxResponseBytes = maxResponseBytes;
  }

  void onGetBlocks(PublicKey from, GetBlocks req) {
    long tip = chain.height();
    List<CertifiedBlock> out = new ArrayList<>();
    long bytes = 0;
    for (long h = Math.max(1, req.from()); h < req.from() + req.count() && h <= tip; h++) {
      Block b = chain.store().blocks().blockAt(h).orElse(null);
      CommitCertificate c = chain.store().blocks().certificateAt(h).orElse(null);
      if (b == null || c == null) {
        break;
      }
      bytes += b.encodedSize() + 64L * c.signatures().size() + 64;
      if (!out.isEmpty() && bytes > maxResponseBytes) {
        break;
      }
      out.add(new CertifiedBlock(b, c));
    }
    if (!out.isEmpty()) {
      network.send(from, NodeMessages.BLOCKS, new Blocks(out));
    }
  }
}
