package org.timecoin.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s. The length prefix is checked against the maximum
 * before any payload is buffered or allocated: a hostile length costs us four bytes of reading,
 * never a large buffer. After the first bad frame the stream is unusable, so the rest of the input
 * is discarded and one {@link ProtocolViolation} is fired for the peer handler to answer.
 *
 * <p>Until the handshake completes the maximum is the small handshake limit, and after the peer's
 * AUTH nothing more is decoded: what follows waits, undecoded, until the handshake is verified
 * ({@link #open}) and only then may be as large as the full frame limit. An unauthenticated peer
 * can therefore make us hold at most one small frame and one socket read.
 *
 * <p>A frame flagged {@link Frame#FLAG_LZ4} is decompressed here, bounded by the frame limit (see
 * {@link FrameCompression#decompress}), but only once the handshake is verified and only when both
 * sides announced compression; otherwise, like a failed decompression, it is a malformed frame.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameLength;
  private int limit;
  private boolean handshaking = true;
  private boolean compression;
  private boolean paused;
  private boolean failed;

  /**
   * @param handshakeFrameLength the largest length field allowed before the handshake completes
   * @param maxFrameLength the largest allowed value of the length field (type, flags and payload)
   */
  FrameDecoder(int handshakeFrameLength, int maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
    this.limit = Math.min(handshakeFrameLength, maxFrameLength);
  }

  /** A decoder past the handshake: every frame up to {@code maxFrameLength}, never paused. */
  static FrameDecoder afterHandshake(int maxFrameLength, boolean compression) {
    FrameDecoder d = new FrameDecoder(maxFrameLength, maxFrameLength);
    d.handshaking = false;
    d.compression = compression;
    return d;
  }

  /**
   * The handshake is verified: frames may now be as large as the full limit, and what arrived after
   * the peer's AUTH is decoded at once. Call on the channel's event loop.
   *
   * @param compression both sides announced compression: frames may come compressed
   */
  void open(ChannelHandlerContext ctx, boolean compression) {
    if (!handshaking) {
      return;
    }
    handshaking = false;
    this.compression = compression;
    paused = false;
    limit = maxFrameLength;
    // Re-enters decode over the bytes already buffered.
    ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (paused || in.readableBytes() < 4) {
      return;
    }
    long length = in.getUnsignedIntLE(in.readerIndex());
    if (length > limit) {
      fail(ctx, in, RejectReason.OVERSIZE_FRAME, "frame length " + length + " > " + limit);
      return;
    }
    if (length < Frame.TYPE_AND_FLAGS) {
      fail(ctx, in, RejectReason.MALFORMED_FRAME, "frame length " + length + " below header size");
      return;
    }
    if (in.readableBytes() < 4 + length) {
      return;
    }
    in.skipBytes(4);
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedByte();
    if ((flags & ~Frame.KNOWN_FLAGS) != 0) {
      fail(ctx, in, RejectReason.MALFORMED_FRAME, "unknown frame flags " + flags);
      return;
    }
    byte[] payload = new byte[(int) length - Frame.TYPE_AND_FLAGS];
    in.readBytes(payload);
    int wireSize = Frame.HEADER_SIZE + payload.length;
    if ((flags & Frame.FLAG_LZ4) != 0) {
      if (handshaking || !compression) {
        String when = handshaking ? "before the handshake completed" : "but was not negotiated";
        fail(ctx, in, RejectReason.MALFORMED_FRAME, "compressed frame " + when);
        return;
      }
      try {
        payload = FrameCompression.decompress(payload, maxFrameLength - Frame.TYPE_AND_FLAGS);
      } catch (FrameCompression.BadCompression e) {
        fail(ctx, in, RejectReason.MALFORMED_FRAME, "type " + type + ": " + e.getMessage());
        return;
      }
      flags &= ~Frame.FLAG_LZ4;
    }
    out.add(new Frame(type, flags, payload, wireSize));
    if (handshaking && type == ControlMessages.AUTH) {
      paused = true;
    }
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, RejectReason reason, String detail) {
    failed = true;
    in.skipBytes(in.readableBytes());
    ctx.fireUserEventTriggered(new ProtocolViolation(reason, detail));
  }
}
