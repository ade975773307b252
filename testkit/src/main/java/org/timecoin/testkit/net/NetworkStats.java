package org.timecoin.testkit.net;

/** Counters of what a {@link SimulatedNetwork} did with the messages given to it. */
public final class NetworkStats {
  long sent;
  long delivered;
  long lost;
  long duplicated;
  long reordered;
  long droppedByPartition;
  long droppedByCrash;

  public long sent() {
    return sent;
  }

  public long delivered() {
    return delivered;
  }

  public long lost() {
    return lost;
  }

  public long duplicated() {
    return duplicated;
  }

  public long reordered() {
    return reordered;
  }

  public long droppedByPartition() {
    return droppedByPartition;
  }

  public long droppedByCrash() {
    return droppedByCrash;
  }

  @Override
  public String toString() {
    return "sent=%d delivered=%d lost=%d duplicated=%d reordered=%d partitioned=%d crashed=%d"
        .formatted(
            sent, delivered, lost, duplicated, reordered, droppedByPartition, droppedByCrash);
  }
}
