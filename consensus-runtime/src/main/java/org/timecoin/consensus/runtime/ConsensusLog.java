package org.timecoin.consensus.runtime;

import java.util.List;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.WalPort;

/**
 * The WAL as the effect executor uses it: the engine's inputs ({@link WalPort}) plus the candidate
 * blocks seen with proposals, kept per height so a restart can replay the height it was deciding
 * and still finalize its decision. {@link org.timecoin.consensus.runtime.wal.FileWal} is the
 * node's; a simulation keeps one in memory. Owner thread only, except {@link #pruneBelow}.
 *
 * @param <B> the block type
 */
public interface ConsensusLog<B> extends WalPort, AutoCloseable {
  /** What a height's segment held before a restart. */
  record Recovered<B>(List<Input> inputs, List<B> blocks) {
    public Recovered {
      inputs = List.copyOf(inputs);
      blocks = List.copyOf(blocks);
    }
  }

  /** Opens the segment of {@code height} for appending and returns what it holds. */
  Recovered<B> recover(long height);

  /** Keeps a candidate block of the current height; durable with the next sync. */
  void appendBlock(B block);

  /**
   * Makes pending records durable if the group-commit interval has passed; returns true if some are
   * still pending, so the caller should call again after the interval.
   */
  boolean groupCommit();

  /** Drops the segments of heights below {@code height}, whose blocks are stored. */
  void pruneBelow(long height);

  @Override
  void close();
}
