package org.timecoin.rpc.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** One HTTP request → one dispatch on the worker pool → one HTTP response. */
final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final JsonRpcDispatcher dispatcher;
  private final Executor workers;

  RpcHttpHandler(JsonRpcDispatcher dispatcher, Executor workers) {
    this.dispatcher = dispatcher;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      respond(ctx, HttpResponseStatus.BAD_REQUEST, text("malformed HTTP request"), false);
      return;
    }
    if (!HttpMethod.POST.equals(req.method())) {
      respond(
          ctx,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          text("JSON-RPC requests use POST"),
          keepAlive);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(req.content());
    try {
      workers.execute(
          () ->
              dispatcher
                  .handleAsync(body)
                  .whenComplete(
                      (out, error) ->
                          ctx.executor()
                              .execute(
                                  () -> {
                                    if (error != null) {
                                      respond(
                                          ctx,
                                          HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                          text("internal error"),
                                          false);
                                    } else if (out == null) {
                                      respond(
                                          ctx,
                                          HttpResponseStatus.NO_CONTENT,
                                          new byte[0],
                                          keepAlive);
                                    } else {
                                      respond(ctx, HttpResponseStatus.OK, out, keepAlive);
                                    }
                                  })));
    } catch (RejectedExecutionException e) {
      respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, text("shutting down"), false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(
            io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(
            HttpHeaderNames.CONTENT_TYPE,
            status == HttpResponseStatus.OK
                ? HttpHeaderValues.APPLICATION_JSON
                : HttpHeaderValues.TEXT_PLAIN)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (keepAlive) {
      HttpUtil.setKeepAlive(resp, true);
      ctx.writeAndFlush(resp);
    } else {
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
