package org.timecoin.rpc.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * First in the pipeline: while paused, swallows every request to read from the socket, including
 * those the HTTP aggregator makes to finish a message it has begun. Turning auto-read off alone is
 * not enough: with pipelined requests there is always a next message begun, and the aggregator
 * would keep reading the whole stream.
 */
final class ReadGate extends ChannelDuplexHandler {
  private ChannelHandlerContext ctx;
  private boolean paused;
  private boolean wanted;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Stops reading. Called on the event loop. */
  void pause() {
    paused = true;
    ctx.channel().config().setAutoRead(false);
  }

  /** Reads again. Called on the event loop. */
  void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    ctx.channel().config().setAutoRead(true);
    if (wanted) {
      wanted = false;
      ctx.read();
    }
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    if (paused) {
      wanted = true;
      return;
    }
    ctx.read();
  }
}
