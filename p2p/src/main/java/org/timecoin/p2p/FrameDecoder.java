package org.timecoin.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s. The length prefix is checked against the maximum
 * before any payload is buffered or allocated: a hostile length costs us four bytes of reading,
 * never a large buffer. After the first bad frame the stream is unusable, so the rest of the input
 * is discarded and one {@link ProtocolViolation} is fired for the peer handler to answer.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameLength;
  private boolean failed;

  /**
   * @param maxFrameLength the largest allowed value of the length field (type, flags and payload)
   */
  FrameDecoder(int maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 4) {
      return;
    }
    long length = in.getUnsignedIntLE(in.readerIndex());
    if (length > maxFrameLength) {
      fail(ctx, in, RejectReason.OVERSIZE_FRAME, "frame length " + length + " > " + maxFrameLength);
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
    out.add(new Frame(type, flags, payload));
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, RejectReason reason, String detail) {
    failed = true;
    in.skipBytes(in.readableBytes());
    ctx.fireUserEventTriggered(new ProtocolViolation(reason, detail));
  }
}
