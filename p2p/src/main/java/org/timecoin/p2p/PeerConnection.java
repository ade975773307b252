package org.timecoin.p2p;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.domain.crypto.PublicKey;

/**
 * One TCP connection to a peer: its identity once the handshake proved it, what we measured of it,
 * its send queue and its ordered delivery lane to the upper layers.
 */
final class PeerConnection {
  private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  final Channel channel;
  final Direction direction;

  /** The address we dialled, for outbound connections; null for inbound ones. */
  final PeerAddress dialAddress;

  private final OutboundQueue queue;
  private final DeliveryLanes deliveries;
  private final AtomicBoolean stalled = new AtomicBoolean();
  private final EventLoopGuard guard;
  private final P2pMetrics metrics;

  private final PeerBudgets budgets;

  /** Rate budget of the remote address, shared with its other and earlier connections. */
  private volatile PeerBudgets.Budget ipBudget;

  /** Rate budget of the verified node key, kept across its reconnections; null before that. */
  private volatile PeerBudgets.Budget keyBudget;

  /** The key the peer claimed in its HELLO; proven only once {@link #verifiedKey} is set. */
  private volatile PublicKey nodeKey;

  private volatile PublicKey verifiedKey;
  private volatile PeerAddress listenAddress;
  private volatile long bestHeight;
  private volatile long rttNanos = -1;
  private final AtomicLong pongs = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private volatile long connectedAtMillis;
  private volatile long clockOffsetMillis = PeerInfo.NO_CLOCK_OFFSET;
  private volatile boolean established;

  /** Both sides announced LZ4 frames in their HELLOs (and our config allows them). */
  private volatile boolean compression;

  PeerConnection(Channel channel, Direction direction, PeerAddress dialAddress, NodeContext node) {
    this.channel = channel;
    this.direction = direction;
    this.dialAddress = dialAddress;
    P2pConfig config = node.config();
    this.queue =
        new OutboundQueue(
            channel, config.sendQueueMaxMessages(), config.sendQueueMaxBytes(), node.metrics());
    this.deliveries =
        new DeliveryLanes(
            channel, node.delivery(), config.maxPendingDeliveries(), () -> established);
    this.guard = node.guard();
    this.metrics = node.metrics();
    this.budgets = node.budgets();
  }

  /** The socket is connected: from now on the remote address is known and pays for its messages. */
  void connected() {
    ipBudget = budgets.forIp(remoteIp());
  }

  InetAddress remoteIp() {
    return ((InetSocketAddress) channel.remoteAddress()).getAddress();
  }

  PublicKey nodeKey() {
    return nodeKey;
  }

  /**
   * The node key whose AUTH verified on this connection, or null before that: the only key that may
   * be charged for what this connection does.
   */
  PublicKey verifiedKey() {
    return verifiedKey;
  }

  PeerAddress listenAddress() {
    return listenAddress;
  }

  boolean established() {
    return established;
  }

  void identify(PublicKey key, PeerAddress listen, long height) {
    this.nodeKey = key;
    this.listenAddress = listen;
    this.bestHeight = height;
  }

  void markVerified() {
    verifiedKey = nodeKey;
    keyBudget = budgets.forKey(nodeKey);
  }

  /**
   * Takes one message of {@code type} from the address's budget and, once the key is verified, from
   * the key's; false when either is spent.
   */
  boolean spend(int type, RateLimit limit, long nowNanos) {
    PeerBudgets.Budget key = keyBudget;
    return ipBudget.tryAcquire(type, limit, nowNanos)
        && (key == null || key.tryAcquire(type, limit, nowNanos));
  }

  void markEstablished(long nowMillis) {
    connectedAtMillis = nowMillis;
    established = true;
  }

  void recordReceived(Frame frame) {
    bytesReceived.addAndGet(frame.wireSize());
    metrics.received(frame.type(), frame.wireSize(), frame.plainSize());
  }

  /** Set once, when the handshake completes and before the peer is listed as established. */
  void useCompression(boolean on) {
    compression = on;
  }

  /** True when frames to this peer may be sent compressed. */
  boolean compresses() {
    return compression;
  }

  /** {@code plain} as it should go to this peer: compressed when negotiated and worth it. */
  Frame forWire(Frame plain) {
    return compression ? FrameCompression.compress(plain) : plain;
  }

  /** The peer's wall clock minus ours, as its HELLO told it. */
  void recordClockOffset(long millis) {
    clockOffsetMillis = millis;
  }

  void updateHeight(long height) {
    bestHeight = height;
  }

  void recordRtt(long nanos) {
    rttNanos = nanos;
    pongs.incrementAndGet();
    metrics.rtt(nanos);
  }

  /** Bytes waiting for this peer: in our queue and in the channel's own buffer. */
  long pendingSendBytes() {
    var buffer = channel.unsafe().outboundBuffer();
    return queue.queuedBytes() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
  }

  OutboundQueue queue() {
    return queue;
  }

  /**
   * Queues a control frame ahead of bulk traffic. Control traffic is small and rate-limited, so a
   * full control lane means the peer stopped reading: it is disconnected, not buffered.
   */
  void sendControl(Frame frame) {
    if (!queue.offerControl(frame) && stalled.compareAndSet(false, true)) {
      metrics.reject(RejectReason.SEND_STALLED);
      peerLog.info("peer {}: {} (control lane full)", this, RejectReason.SEND_STALLED);
      channel.close();
    }
  }

  /** Queues a frame from a higher layer; false (and counted) when the peer's queue is full. */
  boolean sendBulk(Frame frame) {
    if (frame.compressed() && !compression) {
      throw new IllegalStateException("compressed frame for a peer that did not negotiate it");
    }
    if (queue.offer(frame)) {
      return true;
    }
    metrics.reject(RejectReason.SEND_QUEUE_FULL);
    log.debug("send queue to {} full, frame of type {} dropped", this, frame.type());
    return false;
  }

  /**
   * Hands a decoded message to the upper layer, off the event loop and in arrival order, on {@code
   * lane} (null: the default delivery executor). When a lane's handlers fall behind, reading from
   * this peer pauses (see {@link DeliveryLanes}).
   */
  void deliver(Executor lane, Runnable handlerCall) {
    deliveries.execute(
        lane,
        () -> {
          try {
            guard.requireOffEventLoop("message handler");
            handlerCall.run();
            metrics.delivered();
          } catch (RuntimeException e) {
            log.error("handler for a message from {} failed", this, e);
          }
        });
  }

  /**
   * Runs a peer event (connected, disconnected) on the default lane, so a handler registered there
   * never sees a message before the connect event or after the disconnect event. Handlers on other
   * lanes get no such guarantee.
   */
  void inOrder(String what, Runnable event) {
    deliveries.executeEvent(
        () -> {
          try {
            guard.requireOffEventLoop(what);
            event.run();
          } catch (RuntimeException e) {
            log.error("{} for {} failed", what, this, e);
          }
        });
  }

  PeerInfo info() {
    return new PeerInfo(
        nodeKey,
        (InetSocketAddress) channel.remoteAddress(),
        listenAddress,
        direction,
        bestHeight,
        rttNanos,
        pongs.get(),
        connectedAtMillis,
        queue.size(),
        queue.bytesSent(),
        bytesReceived.get(),
        clockOffsetMillis);
  }

  @Override
  public String toString() {
    String key = nodeKey == null ? "?" : nodeKey.toHex().substring(0, 12);
    return key + "@" + channel.remoteAddress() + "/" + direction.name().toLowerCase();
  }
}
