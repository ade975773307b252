package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private static final int BULK = 0x20;
  private static final int HIGH_WATER = 4096;

  private static EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel(FrameEncoder.INSTANCE);
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, HIGH_WATER));
    return ch;
  }

  private static List<Integer> writtenTypes(EmbeddedChannel ch) {
    List<Integer> types = new ArrayList<>();
    ByteBuf buf;
    while ((buf = ch.readOutbound()) != null) {
      types.add((int) buf.getUnsignedByte(4));
      buf.release();
    }
    return types;
  }

  @Test
  void pongOvertakesQueuedBulkFrames() {
    EmbeddedChannel ch = channel();
    OutboundQueue queue = new OutboundQueue(ch, 1_000, 100_000_000);
    for (int i = 0; i < 100; i++) {
      assertThat(queue.offer(new Frame(BULK, new byte[2000]))).isTrue();
    }
    ch.runPendingTasks();
    // Only what fits under the high water mark (plus the frame that crossed it) left the queue.
    int admitted = 100 - queue.size();
    assertThat(admitted).isBetween(1, HIGH_WATER / 2006 + 1);

    assertThat(queue.offerControl(new Frame(ControlMessages.PONG, new byte[17]))).isTrue();
    queue.drain();

    List<Integer> types = writtenTypes(ch);
    assertThat(types.indexOf(ControlMessages.PONG))
        .as("the pong waits behind the bulk already in the channel, not behind the queue")
        .isEqualTo(admitted);
  }

  @Test
  void drainingResumesWhenTheChannelBecomesWritable() {
    EmbeddedChannel ch = channel();
    OutboundQueue queue = new OutboundQueue(ch, 1_000, 100_000_000);
    for (int i = 0; i < 10; i++) {
      queue.offer(new Frame(BULK, new byte[2000]));
    }
    ch.runPendingTasks();
    while (queue.size() > 0) {
      queue.drain();
    }
    assertThat(writtenTypes(ch)).hasSize(10).containsOnly(BULK);
  }

  @Test
  void refusesFramesBeyondTheMessageLimit() {
    EmbeddedChannel ch = channel();
    OutboundQueue queue = new OutboundQueue(ch, 3, 100_000_000);
    assertThat(queue.offer(new Frame(BULK, new byte[1]))).isTrue();
    assertThat(queue.offer(new Frame(BULK, new byte[1]))).isTrue();
    assertThat(queue.offer(new Frame(BULK, new byte[1]))).isTrue();
    assertThat(queue.offer(new Frame(BULK, new byte[1]))).isFalse();
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void refusesFramesBeyondTheByteLimit() {
    EmbeddedChannel ch = channel();
    OutboundQueue queue = new OutboundQueue(ch, 100, 1000);
    assertThat(queue.offer(new Frame(BULK, new byte[600]))).isTrue();
    assertThat(queue.offer(new Frame(BULK, new byte[600]))).isFalse();
    assertThat(queue.offer(new Frame(BULK, new byte[300]))).isTrue();
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void controlFramesWaitWhileTheChannelIsUnwritableAndTheirLaneIsBounded() {
    EmbeddedChannel ch = new EmbeddedChannel(FrameEncoder.INSTANCE);
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, HIGH_WATER));
    // Fill the channel past its high water mark without flushing: it is now unwritable.
    ch.write(new Frame(BULK, new byte[HIGH_WATER + 1]));
    assertThat(ch.isWritable()).isFalse();
    OutboundQueue queue = new OutboundQueue(ch, 1_000_000, 100_000_000);
    int pongs = 0;
    while (queue.offerControl(new Frame(ControlMessages.PONG, new byte[17]))) {
      pongs++;
    }
    assertThat((long) pongs * (Frame.HEADER_SIZE + 17))
        .isLessThanOrEqualTo(OutboundQueue.CONTROL_MAX_BYTES)
        .isGreaterThan(OutboundQueue.CONTROL_MAX_BYTES - 23);
    assertThat(queue.queuedBytes()).isLessThanOrEqualTo(OutboundQueue.CONTROL_MAX_BYTES);
    assertThat(queue.bytesSent()).as("nothing entered the unwritable channel").isZero();

    queue.offer(new Frame(BULK, new byte[1]));
    ch.flush();
    assertThat(ch.isWritable()).isTrue();
    while (queue.size() > 0) {
      queue.drain();
    }
    List<Integer> types = writtenTypes(ch);
    assertThat(types).hasSize(pongs + 2);
    assertThat(types.get(0)).isEqualTo(BULK);
    assertThat(types.subList(1, pongs + 1)).containsOnly(ControlMessages.PONG);
    assertThat(types.get(pongs + 1)).as("bulk after all control frames").isEqualTo(BULK);
  }
}
