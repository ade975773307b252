package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
  private static final int MAX = 1024;

  private final List<ProtocolViolation> violations = new ArrayList<>();

  private EmbeddedChannel channel() {
    return channel(FrameDecoder.afterHandshake(MAX, false));
  }

  private EmbeddedChannel channel(FrameDecoder decoder) {
    return new EmbeddedChannel(
        decoder,
        new ChannelInboundHandlerAdapter() {
          @Override
          public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            violations.add((ProtocolViolation) evt);
          }
        });
  }

  private static ByteBuf encoded(Frame frame) {
    EmbeddedChannel out = new EmbeddedChannel(FrameEncoder.INSTANCE);
    out.writeOutbound(frame);
    return out.readOutbound();
  }

  @Test
  void roundTripsFramesSplitAtEveryByte() {
    Frame frame = new Frame(0x42, new byte[] {1, 2, 3, 4, 5});
    ByteBuf wire = encoded(frame);
    assertThat(wire.readableBytes()).isEqualTo(Frame.HEADER_SIZE + 5);
    EmbeddedChannel ch = channel();
    while (wire.isReadable()) {
      ch.writeInbound(wire.readRetainedSlice(1));
    }
    Frame decoded = ch.readInbound();
    assertThat(decoded.type()).isEqualTo(0x42);
    assertThat(decoded.payload()).containsExactly(1, 2, 3, 4, 5);
    assertThat(violations).isEmpty();
  }

  @Test
  void decodesSeveralFramesFromOneRead() {
    ByteBuf both =
        Unpooled.wrappedBuffer(
            encoded(new Frame(1, new byte[0])), encoded(new Frame(2, new byte[] {9})));
    EmbeddedChannel ch = channel();
    ch.writeInbound(both);
    assertThat(((Frame) ch.readInbound()).type()).isEqualTo(1);
    assertThat(((Frame) ch.readInbound()).type()).isEqualTo(2);
  }

  @Test
  void oversizeLengthIsRefusedFromTheHeaderAlone() {
    EmbeddedChannel ch = channel();
    // Only the four length bytes arrive: the decoder must decide without waiting for (or
    // allocating) the announced gigabyte.
    ByteBuf header = Unpooled.buffer().writeIntLE(1 << 30);
    ch.writeInbound(header);
    assertThat(violations)
        .extracting(ProtocolViolation::reason)
        .containsExactly(RejectReason.OVERSIZE_FRAME);
    assertThat((Object) ch.readInbound()).isNull();
  }

  @Test
  void lengthOneAboveTheLimitIsRefusedAndTheLimitItselfAccepted() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(encoded(new Frame(7, new byte[MAX - Frame.TYPE_AND_FLAGS])));
    assertThat(((Frame) ch.readInbound()).payload()).hasSize(MAX - 2);
    ch.writeInbound(Unpooled.buffer().writeIntLE(MAX + 1));
    assertThat(violations)
        .extracting(ProtocolViolation::reason)
        .containsExactly(RejectReason.OVERSIZE_FRAME);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lengthBelowHeaderIsMalformed(int length) {
    EmbeddedChannel ch = channel();
    ch.writeInbound(Unpooled.buffer().writeIntLE(length).writeZero(8));
    assertThat(violations)
        .extracting(ProtocolViolation::reason)
        .containsExactly(RejectReason.MALFORMED_FRAME);
  }

  @Test
  void unknownFlagsAreMalformedAndLaterBytesIgnored() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(encoded(new Frame(3, 0x80, new byte[] {1})));
    ch.writeInbound(encoded(new Frame(3, new byte[] {1})));
    assertThat(violations)
        .extracting(ProtocolViolation::reason)
        .containsExactly(RejectReason.MALFORMED_FRAME);
    assertThat((Object) ch.readInbound()).isNull();
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L})
  void randomGarbageNeverThrowsAndYieldsAtMostOneViolation(long seed) {
    Random random = new Random(seed);
    EmbeddedChannel ch = channel();
    for (int i = 0; i < 50; i++) {
      byte[] chunk = new byte[random.nextInt(64)];
      random.nextBytes(chunk);
      ch.writeInbound(Unpooled.wrappedBuffer(chunk));
    }
    assertThat(violations).as("seed %d", seed).hasSizeLessThanOrEqualTo(1);
    Frame f;
    while ((f = ch.readInbound()) != null) {
      assertThat(f.payload().length + Frame.TYPE_AND_FLAGS)
          .as("seed %d", seed)
          .isLessThanOrEqualTo(MAX);
    }
  }

  @Test
  void beforeTheHandshakeOnlySmallFramesAreAccepted() {
    EmbeddedChannel ch = channel(new FrameDecoder(64, MAX));
    ch.writeInbound(encoded(new Frame(ControlMessages.HELLO, new byte[62])));
    assertThat(((Frame) ch.readInbound()).payload()).hasSize(62);
    ch.writeInbound(Unpooled.buffer().writeIntLE(65));
    assertThat(violations)
        .extracting(ProtocolViolation::reason)
        .containsExactly(RejectReason.OVERSIZE_FRAME);
  }

  @Test
  void framesAfterAuthWaitUndecodedUntilTheHandshakeIsVerified() {
    FrameDecoder decoder = new FrameDecoder(64, MAX);
    EmbeddedChannel ch = channel(decoder);
    ByteBuf authThenLarge =
        Unpooled.wrappedBuffer(
            encoded(new Frame(ControlMessages.AUTH, new byte[10])),
            encoded(new Frame(0x20, new byte[500])));
    ch.writeInbound(authThenLarge);
    assertThat(((Frame) ch.readInbound()).type()).isEqualTo(ControlMessages.AUTH);
    assertThat((Object) ch.readInbound()).as("held back, not refused").isNull();
    assertThat(violations).isEmpty();

    decoder.open(ch.pipeline().context(decoder), false);
    assertThat(((Frame) ch.readInbound()).payload()).hasSize(500);
    assertThat(violations).isEmpty();
  }
}
