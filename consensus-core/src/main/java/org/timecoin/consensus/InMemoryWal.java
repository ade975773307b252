package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WalPort} in memory, for simulations and tests. It remembers which records were synced,
 * so a simulated crash can drop exactly the unsynced tail ({@link #afterCrash}).
 */
public final class InMemoryWal implements WalPort {
  private final List<Input> records = new ArrayList<>();
  private int synced;

  @Override
  public void append(Input input, boolean sync) {
    records.add(input);
    if (sync) {
      synced = records.size();
    }
  }

  /** All records, synced or not. */
  public List<Input> records() {
    return List.copyOf(records);
  }

  /** How many leading records are durable. */
  public int syncedCount() {
    return synced;
  }

  /**
   * The log as a crash leaves it: the synced records plus the first {@code keptUnsynced} of the
   * others (an OS may have written some of them). A new log with those records is returned.
   */
  public InMemoryWal afterCrash(int keptUnsynced) {
    InMemoryWal w = new InMemoryWal();
    int keep = synced + Math.min(records.size() - synced, Math.max(0, keptUnsynced));
    w.records.addAll(records.subList(0, keep));
    w.synced = keep;
    return w;
  }
}
