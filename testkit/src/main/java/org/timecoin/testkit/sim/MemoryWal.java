package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.WalPort;

/**
 * A write-ahead log in memory that survives a simulated crash (the node object is dropped, this is
 * not), keeping the inputs of the current height: a {@link Input.StartHeight} starts a new segment.
 */
final class MemoryWal implements WalPort {
  private final List<Input> segment = new ArrayList<>();
  private long appended;

  @Override
  public void append(Input input, boolean sync) {
    if (input instanceof Input.StartHeight) {
      segment.clear();
    }
    segment.add(input);
    appended++;
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
  }

  long appended() {
    return appended;
  }
}
