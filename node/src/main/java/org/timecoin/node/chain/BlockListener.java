package org.timecoin.node.chain;

import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/** Told of each block once it is durably stored; runs on the chain writer thread, must be quick. */
@FunctionalInterface
public interface BlockListener {
  void onBlockStored(Block block, CommitCertificate certificate);
}
