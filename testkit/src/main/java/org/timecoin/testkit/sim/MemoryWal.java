package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.runtime.ConsensusLog;

/**
 * A write-ahead log in memory that survives a simulated crash (the node's consensus loop is
 * dropped, this is not), keeping the records of the current height: a {@link Input.StartHeight}
 * starts a new segment. Like the file WAL it syncs on the engine's own signed messages and by group
 * commit once the interval has passed, and a crash may lose what was appended after the last sync.
 * Closed when its loop is, it ignores what a dead loop still appends.
 */
final class MemoryWal implements ConsensusLog<SyntheticBlock> {
  private final Clock clock;
  private final long groupCommitNanos;
  private final List<Object> segment = new ArrayList<>(); // Input or SyntheticBlock
  private long segmentHeight = -1;
  private long appended;
  private int synced;
  private long lastSyncNanos;
  private boolean open;

  MemoryWal(Clock clock, Duration groupCommitInterval) {
    this.clock = clock;
    this.groupCommitNanos = groupCommitInterval.toNanos();
  }

  @Override
  public Recovered<SyntheticBlock> recover(long height) {
    open = true;
    if (height != segmentHeight) {
      return new Recovered<>(List.of(), List.of());
    }
    List<Input> inputs = new ArrayList<>();
    List<SyntheticBlock> blocks = new ArrayList<>();
    for (Object record : segment) {
      switch (record) {
        case Input i -> inputs.add(i);
        case SyntheticBlock b -> blocks.add(b);
        default -> throw new IllegalStateException("unknown WAL record " + record);
      }
    }
    return new Recovered<>(inputs, blocks);
  }

  @Override
  public void append(Input input, boolean sync) {
    if (!open) {
      return;
    }
    if (input instanceof Input.StartHeight sh) {
      segment.clear();
      synced = 0;
      segmentHeight = sh.height();
    }
    add(input);
    if (sync) {
      sync();
    }
  }

  @Override
  public void appendBlock(SyntheticBlock block) {
    if (open) {
      add(block);
    }
  }

  private void add(Object record) {
    segment.add(record);
    appended++;
  }

  private void sync() {
    synced = segment.size(); // an fsync makes everything before it durable too
    lastSyncNanos = clock.monoNanos();
  }

  @Override
  public boolean groupCommit() {
    if (synced == segment.size()) {
      return false;
    }
    if (clock.monoNanos() - lastSyncNanos >= groupCommitNanos) {
      sync();
      return false;
    }
    return true;
  }

  @Override
  public void pruneBelow(long height) {
    // One segment only: a new height replaces the previous one.
  }

  @Override
  public void close() {
    open = false;
  }

  /** The inputs of the current segment, oldest first. */
  List<Input> inputs() {
    return segment.stream().filter(Input.class::isInstance).map(Input.class::cast).toList();
  }

  boolean isEmpty() {
    return segment.isEmpty();
  }

  void clear() {
    segment.clear();
    synced = 0;
    segmentHeight = -1;
  }

  /** Drops the records appended after the last sync, as a crash before an fsync would. */
  int loseUnsyncedTail() {
    int lost = segment.size() - synced;
    segment.subList(synced, segment.size()).clear();
    if (segment.isEmpty()) {
      segmentHeight = -1;
    }
    return lost;
  }

  long appended() {
    return appended;
  }
}
