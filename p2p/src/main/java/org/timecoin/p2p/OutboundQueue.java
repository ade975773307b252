package org.timecoin.p2p;

import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-peer send queue, in two bounded lanes. Every frame to a peer goes through it, and frames
 * enter the channel only while it is writable (less than its high water mark pending in the socket
 * buffer), so a peer that does not read costs us at most the queue's caps plus one water mark.
 *
 * <p>Why pongs are never starved: Netty's own outbound buffer is first-in first-out, so a pong
 * written after 50 MB of blocks would wait for all of them. Control frames (handshake, ping, pong,
 * peer exchange) therefore have their own lane, drained before the bulk lane (everything a higher
 * layer sends): one waits behind at most the high water mark plus one frame, however much bulk data
 * is queued. Higher layers keep single frames small (block sync sends ranges of blocks as separate
 * frames), which bounds that one frame.
 *
 * <p>A bulk frame beyond the bulk lane's caps is refused and the caller counts it as dropped. A
 * control frame beyond {@link #CONTROL_MAX_BYTES} is refused too; control traffic is small and
 * rate-limited, so a full control lane means the peer stopped reading, and the caller disconnects.
 */
final class OutboundQueue {
  /**
   * Room for the control frames of a peer that reads: each is at most an ADDR of 1000 IP literals
   * (under 60 KiB), and requests for them are rate-limited.
   */
  static final long CONTROL_MAX_BYTES = 256 * 1024;

  private final Channel channel;
  private final Lane control;
  private final Lane bulk;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong bytesSent = new AtomicLong();

  private final P2pMetrics metrics;

  OutboundQueue(Channel channel, int maxMessages, long maxBytes) {
    this(channel, maxMessages, maxBytes, new P2pMetrics());
  }

  OutboundQueue(Channel channel, int maxMessages, long maxBytes, P2pMetrics metrics) {
    this.channel = channel;
    this.metrics = metrics;
    this.control = new Lane(maxMessages, CONTROL_MAX_BYTES);
    this.bulk = new Lane(maxMessages, maxBytes);
  }

  /** Queues a bulk frame; false when the bulk lane is full. Safe from any thread. */
  boolean offer(Frame frame) {
    return enqueue(bulk, frame);
  }

  /** Queues a control frame ahead of all bulk frames; false when the control lane is full. */
  boolean offerControl(Frame frame) {
    return enqueue(control, frame);
  }

  private boolean enqueue(Lane lane, Frame frame) {
    if (!lane.offer(frame)) {
      return false;
    }
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
    return true;
  }

  /** Moves frames into the channel while it is writable, control first; on the event loop. */
  void drain() {
    drainScheduled.set(false);
    boolean wrote = false;
    while (channel.isActive() && channel.isWritable()) {
      Frame frame = control.poll();
      if (frame == null) {
        frame = bulk.poll();
      }
      if (frame == null) {
        break;
      }
      bytesSent.addAndGet(frame.wireSize());
      metrics.sent(frame.type(), frame.wireSize(), frame.plainSize());
      channel.write(frame, channel.voidPromise());
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  /** Frames waiting in both lanes. */
  int size() {
    return control.count.get() + bulk.count.get();
  }

  /** Bytes waiting in both lanes (not yet handed to the channel). */
  long queuedBytes() {
    return control.bytes.get() + bulk.bytes.get();
  }

  /** Bytes handed to the channel so far, frame headers included. */
  long bytesSent() {
    return bytesSent.get();
  }

  /** One lane: a queue bounded by frame count and bytes, safe from any thread. */
  private static final class Lane {
    private final int maxMessages;
    private final long maxBytes;
    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();

    Lane(int maxMessages, long maxBytes) {
      this.maxMessages = maxMessages;
      this.maxBytes = maxBytes;
    }

    boolean offer(Frame frame) {
      int size = frame.wireSize();
      if (count.incrementAndGet() > maxMessages) {
        count.decrementAndGet();
        return false;
      }
      if (bytes.addAndGet(size) > maxBytes) {
        bytes.addAndGet(-size);
        count.decrementAndGet();
        return false;
      }
      frames.add(frame);
      return true;
    }

    Frame poll() {
      Frame frame = frames.poll();
      if (frame != null) {
        count.decrementAndGet();
        bytes.addAndGet(-frame.wireSize());
      }
      return frame;
    }
  }
}
