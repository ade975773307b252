package org.timecoin.p2p;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/**
 * Refuses to run upper-layer handlers, signature checks or file writes on a Netty event loop. An
 * event loop serves many connections; one blocking call there stalls reads, pings and pongs of all
 * of them. Every such task passes through {@link #requireOffEventLoop}, which throws when a
 * misconfigured executor (e.g. a direct one) would run it on the loop.
 */
final class EventLoopGuard {
  private final EventLoopGroup group;
  private final P2pMetrics metrics;

  EventLoopGuard(EventLoopGroup group, P2pMetrics metrics) {
    this.group = group;
    this.metrics = metrics;
  }

  boolean onEventLoop() {
    for (EventExecutor loop : group) {
      if (loop.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  void requireOffEventLoop(String what) {
    if (onEventLoop()) {
      metrics.reject(RejectReason.DELIVERY_ON_EVENT_LOOP);
      throw new IllegalStateException(
          what + " must not run on network thread " + Thread.currentThread().getName());
    }
  }
}
