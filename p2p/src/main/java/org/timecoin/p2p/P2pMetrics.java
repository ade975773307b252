package org.timecoin.p2p;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the network layer refused, dropped and delivered; safe from any thread. */
public final class P2pMetrics {
  private final Map<RejectReason, LongAdder> rejections = new EnumMap<>(RejectReason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder handshakes = new LongAdder();
  private final LongAdder bans = new LongAdder();

  P2pMetrics() {
    for (RejectReason r : RejectReason.values()) {
      rejections.put(r, new LongAdder());
    }
  }

  void reject(RejectReason reason) {
    rejections.get(reason).increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void delivered() {
    delivered.increment();
  }

  void handshake() {
    handshakes.increment();
  }

  void ban() {
    bans.increment();
  }

  public long rejections(RejectReason reason) {
    return rejections.get(reason).sum();
  }

  /** Gossip messages dropped because their hash was already seen. */
  public long duplicatesDropped() {
    return duplicates.sum();
  }

  /** Messages handed to registered handlers. */
  public long messagesDelivered() {
    return delivered.sum();
  }

  public long handshakesCompleted() {
    return handshakes.sum();
  }

  public long bansImposed() {
    return bans.sum();
  }
}
