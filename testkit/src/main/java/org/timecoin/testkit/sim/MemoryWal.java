package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.WalPort;

/**
 * A write-ahead log in memory that survives a simulated crash (the node object is dropped, this is
 * not), keeping the inputs of the current height: a {@link Input.StartHeight} starts a new segment.
 * Like a file, it may lose on a crash what was appended after the last synced record.
 */
final class MemoryWal implements WalPort {
  private final List<Input> segment = new ArrayList<>();
  private long appended;
  private int synced;

  @Override
  public void append(Input input, boolean sync) {
    if (input instanceof Input.StartHeight) {
      segment.clear();
      synced = 0;
    }
    segment.add(input);
    appended++;
    if (sync) {
      synced = segment.size(); // an fsync makes everything before it durable too
    }
  }

  /** The inputs to replay after a restart, oldest first. */
  List<Input> inputs() {
    return List.copyOf(segment);
  }

  boolean isEmpty() {
    return segment.isEmpty();
  }

  void clear() {
    segment.clear();
    synced = 0;
  }

  /** Drops the records appended after the last sync, as a crash before an fsync would. */
  int loseUnsyncedTail() {
    int lost = segment.size() - synced;
    segment.subList(synced, segment.size()).clear();
    return lost;
  }

  long appended() {
    return appended;
  }
}
