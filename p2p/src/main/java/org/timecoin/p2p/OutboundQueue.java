package org.timecoin.p2p;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-peer send queue, in two lanes.
 *
 * <p>Why pongs are never starved: Netty's own outbound buffer is first-in first-out, so a pong
 * written after 50 MB of blocks would wait for all of them. Bulk frames (everything a higher layer
 * sends) therefore wait here and enter the channel only while it is writable, i.e. while less than
 * the channel's high water mark is pending in the socket buffer. Control frames (handshake, ping,
 * pong, peer exchange) skip this queue and are written at once, so one waits behind at most the
 * high water mark plus one frame, however much bulk data is queued. Higher layers keep single
 * frames small (block sync sends ranges of blocks as separate frames), which bounds that one frame.
 *
 * <p>The bulk lane is bounded by message count and bytes; a frame beyond either is refused, and the
 * caller counts it as dropped.
 */
final class OutboundQueue {
  private final Channel channel;
  private final int maxMessages;
  private final long maxBytes;
  private final ConcurrentLinkedQueue<Frame> bulk = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong bytesSent = new AtomicLong();

  OutboundQueue(Channel channel, int maxMessages, long maxBytes) {
    this.channel = channel;
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** Queues a bulk frame; false when the queue is full. Safe from any thread. */
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
    bulk.add(frame);
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
    return true;
  }

  /** Writes a control frame ahead of all queued bulk frames. Safe from any thread. */
  void sendControl(Frame frame) {
    bytesSent.addAndGet(frame.wireSize());
    channel.writeAndFlush(frame, channel.voidPromise());
  }

  /** Moves bulk frames into the channel while it is writable; runs on the channel's event loop. */
  void drain() {
    drainScheduled.set(false);
    boolean wrote = false;
    while (channel.isActive() && channel.isWritable()) {
      Frame frame = bulk.poll();
      if (frame == null) {
        break;
      }
      count.decrementAndGet();
      bytes.addAndGet(-frame.wireSize());
      bytesSent.addAndGet(frame.wireSize());
      channel.write(frame, channel.voidPromise());
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  int size() {
    return count.get();
  }

  /** Bytes handed to the channel so far, frame headers included. */
  long bytesSent() {
    return bytesSent.get();
  }
}
