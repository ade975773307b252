package org.timecoin.p2p;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The delivery lanes of one connection: for each executor a message type was registered with, a
 * serial queue that hands this peer's messages to the handlers in arrival order. Lanes are
 * independent, so a backlog of block requests never holds up the same peer's votes.
 *
 * <p>Each lane counts its pending deliveries. When one lane reaches its bound, reading from the
 * peer pauses (TCP then slows the sender instead of us buffering without bound); it resumes once
 * every lane is back under half its bound.
 */
final class DeliveryLanes {
  private final class Lane {
    final SerialExecutor serial;
    final AtomicInteger pending = new AtomicInteger();
    volatile boolean full;

    Lane(Executor executor) {
      this.serial = new SerialExecutor(executor);
    }
  }

  private final Channel channel;
  private final Executor defaultExecutor;
  private final int maxPendingPerLane;
  private final BooleanSupplier mayResumeReading;
  private final Map<Executor, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param mayResumeReading whether reading may resume once the lanes drained (false before the
   *     handshake finished, when the handshake itself controls reading)
   */
  DeliveryLanes(
      Channel channel,
      Executor defaultExecutor,
      int maxPendingPerLane,
      BooleanSupplier mayResumeReading) {
    this.channel = channel;
    this.defaultExecutor = defaultExecutor;
    this.maxPendingPerLane = maxPendingPerLane;
    this.mayResumeReading = mayResumeReading;
  }

  /** Runs {@code task} on {@code executor}'s lane (null: the default lane), in order. */
  void execute(Executor executor, Runnable task) {
    Lane lane = lanes.computeIfAbsent(executor == null ? defaultExecutor : executor, Lane::new);
    if (lane.pending.incrementAndGet() >= maxPendingPerLane && !lane.full) {
      lane.full = true;
      channel.config().setAutoRead(false);
    }
    lane.serial.execute(
        () -> {
          try {
            task.run();
          } finally {
            if (lane.pending.decrementAndGet() <= maxPendingPerLane / 2 && lane.full) {
              lane.full = false;
              maybeResumeReading();
            }
          }
        });
  }

  /** Runs a peer event (connected, disconnected) on the default lane, without counting it. */
  void executeEvent(Runnable event) {
    lanes.computeIfAbsent(defaultExecutor, Lane::new).serial.execute(event);
  }

  private void maybeResumeReading() {
    for (Lane lane : lanes.values()) {
      if (lane.full) {
        return;
      }
    }
    if (!channel.config().isAutoRead() && mayResumeReading.getAsBoolean()) {
      channel.config().setAutoRead(true);
    }
  }

  /** Deliveries waiting or running, over all lanes. */
  int pending() {
    int n = 0;
    for (Lane lane : lanes.values()) {
      n += lane.pending.get();
    }
    return n;
  }
}
