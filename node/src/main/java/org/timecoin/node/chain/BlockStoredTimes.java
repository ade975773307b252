package org.timecoin.node.chain;

import java.util.OptionalLong;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/**
 * When this node stored each recent block (wall clock, milliseconds since the epoch), so that nodes
 * sharing a clock can be compared on when they reached a height without polling them. Only blocks
 * stored since the node's start, the latest {@link #KEPT}.
 *
 * <p>Thread-safe: written on the chain writer, read by RPC workers.
 */
public final class BlockStoredTimes implements BlockListener {
  public static final int KEPT = 4096;

  private final Clock clock;
  private final RecentMap<Long, Long> storedAt = new RecentMap<>(KEPT);

  public BlockStoredTimes(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    stored(block.height());
  }

  void stored(long height) {
    storedAt.put(height, clock.wallMillis());
  }

  /** When the block at {@code height} was stored here; empty if not since the start or long ago. */
  public OptionalLong storedAtMillis(long height) {
    Long ms = storedAt.get(height);
    return ms == null ? OptionalLong.empty() : OptionalLong.of(ms);
  }
}
