package org.timecoin.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link Frame}s in the layout that {@link FrameDecoder} reads. */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToByteEncoder<Frame> {
  static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {
    super(Frame.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
    return ctx.alloc().ioBuffer(frame.wireSize());
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    out.writeIntLE(Frame.TYPE_AND_FLAGS + frame.payload().length);
    out.writeByte(frame.type());
    out.writeByte(frame.flags());
    out.writeBytes(frame.payload());
  }
}
