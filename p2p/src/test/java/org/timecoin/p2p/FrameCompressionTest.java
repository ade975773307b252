package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LZ4 frames through the real encoder and decoder, and every way a compressed frame can lie. */
class FrameCompressionTest {
  private static final int MAX = 64 * 1024;

  private final List<ProtocolViolation> violations = new ArrayList<>();

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

  private EmbeddedChannel negotiated() {
    return channel(FrameDecoder.afterHandshake(MAX, true));
  }

  private static ByteBuf encoded(Frame frame) {
    EmbeddedChannel out = new EmbeddedChannel(FrameEncoder.INSTANCE);
    out.writeOutbound(frame);
    return out.readOutbound();
  }

  /** Text that repeats, as block and address payloads do. */
  static byte[] repetitive(int size) {
    byte[] unit =
        "output 0 pays 1000 TIME to address tm1qexample; ".getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = unit[i % unit.length];
    }
    return out;
  }

  private static byte[] random(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  /** A payload flagged LZ4 that declares {@code declared} bytes and carries {@code block}. */
  private static Frame flagged(int type, long declared, byte[] block) {
    byte[] payload = new byte[FrameCompression.LENGTH_PREFIX + block.length];
    for (int i = 0; i < 4; i++) {
      payload[i] = (byte) (declared >>> (8 * i));
    }
    System.arraycopy(block, 0, payload, FrameCompression.LENGTH_PREFIX, block.length);
    return new Frame(type, Frame.FLAG_LZ4, payload);
  }

  private void assertMalformed(String detail) {
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).reason()).isEqualTo(RejectReason.MALFORMED_FRAME);
    assertThat(violations.get(0).detail()).contains(detail);
  }

  @Test
  void compressedFrameRoundTripsThroughEncoderAndDecoder() {
    byte[] plain = repetitive(20_000);
    Frame wire = FrameCompression.compress(new Frame(0x30, plain));
    assertThat(wire.compressed()).isTrue();
    assertThat(wire.wireSize()).isLessThan(plain.length / 4);
    assertThat(wire.plainSize()).isEqualTo(Frame.HEADER_SIZE + plain.length);

    ByteBuf bytes = encoded(wire);
    assertThat(bytes.readableBytes()).isEqualTo(wire.wireSize());
    EmbeddedChannel ch = negotiated();
    while (bytes.isReadable()) {
      ch.writeInbound(bytes.readRetainedSlice(Math.min(97, bytes.readableBytes())));
    }
    Frame decoded = ch.readInbound();
    assertThat(decoded.type()).isEqualTo(0x30);
    assertThat(decoded.flags()).as("the decoder clears the flag").isZero();
    assertThat(decoded.payload()).isEqualTo(plain);
    assertThat(decoded.wireSize()).as("what it took on the wire").isEqualTo(wire.wireSize());
    assertThat(decoded.plainSize()).isEqualTo(Frame.HEADER_SIZE + plain.length);
    assertThat(violations).isEmpty();
  }

  @Test
  void onlyFramesFromTheThresholdUpAreCompressed() {
    Frame below = new Frame(0x30, repetitive(FrameCompression.THRESHOLD - 1));
    Frame at = new Frame(0x30, repetitive(FrameCompression.THRESHOLD));
    assertThat(FrameCompression.compress(below)).isSameAs(below);
    assertThat(FrameCompression.compress(at).compressed()).isTrue();
    assertThat(FrameCompression.compress(at).wireSize()).isLessThan(at.wireSize());
  }

  @Test
  void framesThatWouldNotShrinkStayPlain() {
    for (int size : new int[] {FrameCompression.THRESHOLD, 4_096, 60_000}) {
      Frame signatures = new Frame(0x30, random(size, size));
      assertThat(FrameCompression.compress(signatures))
          .as("%d random bytes", size)
          .isSameAs(signatures);
    }
  }

  @Test
  void compressedFrameIsMalformedWhenCompressionWasNotNegotiated() {
    EmbeddedChannel ch = channel(FrameDecoder.afterHandshake(MAX, false));
    ch.writeInbound(encoded(FrameCompression.compress(new Frame(0x30, repetitive(1_000)))));
    ch.writeInbound(encoded(new Frame(0x30, new byte[] {1})));
    assertMalformed("compressed frame but was not negotiated");
    assertThat((Object) ch.readInbound()).as("nothing after it is read").isNull();
  }

  @Test
  void compressedFrameBeforeTheHandshakeIsMalformed() {
    EmbeddedChannel ch = channel(new FrameDecoder(ControlMessages.HANDSHAKE_FRAME_LIMIT, MAX));
    ch.writeInbound(
        encoded(FrameCompression.compress(new Frame(ControlMessages.HELLO, repetitive(1_000)))));
    assertMalformed("compressed frame before the handshake completed");
    assertThat((Object) ch.readInbound()).isNull();
  }

  @Test
  void declaredLengthAboveTheFrameLimitIsRefusedBeforeAllocating() {
    EmbeddedChannel ch = negotiated();
    // 4 GiB declared by a 20-byte frame: the check must come before the buffer.
    ch.writeInbound(encoded(flagged(0x30, 0xFFFF_FFFFL, new byte[10])));
    assertMalformed("declares 4294967295 bytes, above the limit " + (MAX - 2));
    assertThat((Object) ch.readInbound()).isNull();
  }

  @Test
  void declaredLengthNoBlockOfThatSizeCouldYieldIsRefused() {
    EmbeddedChannel ch = negotiated();
    ch.writeInbound(encoded(flagged(0x30, MAX - 2, new byte[10])));
    assertMalformed("declares " + (MAX - 2) + " bytes from a block of 10");
  }

  @Test
  void corruptBlockIsMalformed() {
    byte[] garbage = new byte[200];
    Arrays.fill(garbage, (byte) 0xFF); // literal lengths that run past the input
    EmbeddedChannel ch = negotiated();
    ch.writeInbound(encoded(flagged(0x30, 10_000, garbage)));
    assertMalformed("lz4 block corrupt");
  }

  @Test
  void blockShorterThanDeclaredIsMalformed() {
    Frame good = FrameCompression.compress(new Frame(0x30, repetitive(1_000)));
    byte[] block = Arrays.copyOfRange(good.payload(), 4, good.payload().length);
    EmbeddedChannel ch = negotiated();
    ch.writeInbound(encoded(flagged(0x30, 1_001, block)));
    assertMalformed("decompresses to 1000 bytes, declared 1001");
  }

  @Test
  void blockLongerThanDeclaredIsMalformed() {
    Frame good = FrameCompression.compress(new Frame(0x30, repetitive(1_000)));
    byte[] block = Arrays.copyOfRange(good.payload(), 4, good.payload().length);
    EmbeddedChannel ch = negotiated();
    ch.writeInbound(encoded(flagged(0x30, 999, block)));
    assertMalformed("longer than the declared 999 bytes");
  }

  @Test
  void compressedPayloadWithoutALengthIsMalformed() {
    EmbeddedChannel ch = negotiated();
    ch.writeInbound(encoded(new Frame(0x30, Frame.FLAG_LZ4, new byte[] {1, 2})));
    assertMalformed("has no length");
  }
}
