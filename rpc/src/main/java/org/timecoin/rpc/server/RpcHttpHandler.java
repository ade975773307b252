package org.timecoin.rpc.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's HTTP requests, answered one at a time and in order (so pipelined requests get
 * their answers in the order sent). While a request is in progress or its answer is still being
 * written, nothing more is read from the connection: a client that does not read its answers stops
 * being read, and holds at most one answer and what one socket read brought. Each request passes
 * the gate (Host, Origin), the login check and the Content-Type check on the event loop before its
 * body is dispatched on the bounded worker pool.
 */
final class RpcHttpHandler extends ChannelInboundHandlerAdapter {
  /** Requests decoded from bytes already read; one socket read holds only so many. */
  private static final int MAX_QUEUED = 512;

  private static final Logger log = LoggerFactory.getLogger(RpcHttpHandler.class);

  /** What all connections share. */
  record Shared(
      JsonRpcDispatcher dispatcher,
      Executor workers,
      RequestGate gate,
      RpcAuthenticator auth,
      AuthFailureLimiter failures,
      int maxWaitersPerConnection) {}

  private final Shared shared;
  private final ReadGate gate;
  private final RpcCaller.Connection budget;
  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private volatile boolean busy;
  private volatile boolean writing;

  RpcHttpHandler(Shared shared, ReadGate gate) {
    this.shared = shared;
    this.gate = gate;
    this.budget = RpcCaller.connection(shared.maxWaitersPerConnection());
  }

  /** Nothing in progress and nothing waiting: the connection may be closed at no one's loss. */
  boolean idle() {
    return !busy && !writing && queued.isEmpty();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (queued.size() >= MAX_QUEUED) {
      req.release();
      ctx.close();
      return;
    }
    queued.add(req);
    gate.pause();
    next();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    next();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    queued.forEach(ReferenceCountUtil::release);
    queued.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // Idle with nothing to do, or an answer left unread: close. A call that waits (finality)
    // keeps its connection.
    if (evt instanceof IdleStateEvent && (idle() || writing)) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void next() {
    if (busy || writing || !ctx.channel().isActive() || !ctx.channel().isWritable()) {
      return; // resumes when the answer is written or the channel drains
    }
    FullHttpRequest req = queued.poll();
    if (req == null) {
      gate.resume();
      return;
    }
    busy = true;
    try {
      answer(req, HttpUtil.isKeepAlive(req));
    } finally {
      req.release();
    }
  }

  private void answer(FullHttpRequest req, boolean keepAlive) {
    if (!req.decoderResult().isSuccess()) {
      refuse(HttpResponseStatus.BAD_REQUEST, RpcErrorCodes.INVALID_REQUEST, "Bad HTTP request");
      return;
    }
    if (!HttpMethod.POST.equals(req.method())) {
      refuse(
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          RpcErrorCodes.INVALID_REQUEST,
          "JSON-RPC requests use POST");
      return;
    }
    RequestGate.Refusal refusal = shared.gate().check(req.headers());
    if (refusal != null) {
      refuse(refusal.status(), refusal.code(), refusal.message());
      return;
    }
    InetAddress ip = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    if (shared.failures().blocked(ip)) {
      refuse(
          HttpResponseStatus.TOO_MANY_REQUESTS,
          RpcErrorCodes.FORBIDDEN,
          "Too many failed logins from this address; wait a minute");
      return;
    }
    String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    Optional<RpcAuthenticator.Identity> who = shared.auth().check(authorization);
    if (who.isEmpty()) {
      if (authorization != null) {
        shared.failures().failed(ip);
      }
      unauthorized(keepAlive);
      return;
    }
    refusal = shared.gate().checkContentType(req.headers());
    if (refusal != null) {
      refuse(refusal.status(), refusal.code(), refusal.message());
      return;
    }
    dispatch(
        ByteBufUtil.getBytes(req.content()),
        budget.as(who.get().user(), who.get().readOnly()),
        keepAlive);
  }

  private void dispatch(byte[] body, RpcCaller caller, boolean keepAlive) {
    try {
      shared
          .workers()
          .execute(
              () -> {
                CompletableFuture<byte[]> answer;
                try {
                  answer = shared.dispatcher().handleAsync(body, caller);
                } catch (RuntimeException e) {
                  log.error("RPC request failed", e);
                  answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete(
                    (out, error) -> ctx.executor().execute(() -> answered(out, error, keepAlive)));
              });
    } catch (RejectedExecutionException e) {
      write(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          JsonRpcDispatcher.errorBody(RpcErrorCodes.SERVER_BUSY, "Server busy: try again later"),
          keepAlive,
          false);
    }
  }

  private void answered(byte[] out, Throwable error, boolean keepAlive) {
    if (error != null) {
      write(
          HttpResponseStatus.INTERNAL_SERVER_ERROR,
          JsonRpcDispatcher.errorBody(RpcErrorCodes.INTERNAL_ERROR, "Internal error"),
          false,
          false);
    } else if (out == null) {
      write(HttpResponseStatus.NO_CONTENT, new byte[0], keepAlive, false);
    } else {
      write(HttpResponseStatus.OK, out, keepAlive, false);
    }
  }

  /** Refusals before dispatch close the connection: whoever sent it gets nothing more. */
  private void refuse(HttpResponseStatus status, int code, String message) {
    write(status, JsonRpcDispatcher.errorBody(code, message), false, false);
  }

  private void unauthorized(boolean keepAlive) {
    write(
        HttpResponseStatus.UNAUTHORIZED,
        JsonRpcDispatcher.errorBody(RpcErrorCodes.FORBIDDEN, "Authentication required"),
        keepAlive,
        true);
  }

  private void write(
      HttpResponseStatus status, byte[] body, boolean keepAlive, boolean askCredentials) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (body.length > 0) {
      resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    if (askCredentials) {
      resp.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"jsonrpc\"");
    }
    HttpUtil.setKeepAlive(resp, keepAlive);
    busy = false;
    writing = true;
    ctx.writeAndFlush(resp)
        .addListener(
            f -> {
              writing = false;
              if (!keepAlive || !f.isSuccess()) {
                ctx.close();
              } else {
                next();
              }
            });
  }
}
