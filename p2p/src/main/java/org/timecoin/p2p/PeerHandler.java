package org.timecoin.p2p;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.p2p.ControlMessages.Addr;
import org.timecoin.p2p.ControlMessages.Auth;
import org.timecoin.p2p.ControlMessages.GetAddr;
import org.timecoin.p2p.ControlMessages.Hello;
import org.timecoin.p2p.ControlMessages.Ping;
import org.timecoin.p2p.ControlMessages.Pong;

/**
 * The protocol of one connection, on its event loop: handshake, then keep-alive, peer exchange and
 * dispatch of upper-layer messages. Signing and signature checks run on the work executor and come
 * back to the loop; bad input becomes a {@link RejectReason}, counted and answered, never an
 * exception out of this handler.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  private static final int MAX_PINGS_IN_FLIGHT = 8;

  /** Host names an ADDR may carry (dropped unread) before the sender is charged for them. */
  private static final int TOLERATED_HOST_NAMES = 8;

  private static final RateLimit PING_LIMIT = new RateLimit(20, 40);
  private static final RateLimit ADDR_LIMIT = new RateLimit(10, 20);

  private enum State {
    AWAIT_HELLO,
    AWAIT_AUTH,
    VERIFYING,
    ESTABLISHED,
    CLOSED
  }

  private final NodeContext node;
  private final PeerConnection conn;
  private State state = State.AWAIT_HELLO;
  private byte[] ourNonce;
  private Hello remoteHello;
  private boolean authSent;
  private boolean remoteVerified;
  private ScheduledFuture<?> handshakeTimer;
  private ScheduledFuture<?> pingTimer;
  private ScheduledFuture<?> stallTimer;

  /**
   * Pings not answered yet, oldest first, by nonce. Several may be in flight when the link is
   * congested; each pong that comes back still gives a true round trip.
   */
  private final LinkedHashMap<Long, Long> pingsInFlight = new LinkedHashMap<>();

  PeerHandler(NodeContext node, PeerConnection conn) {
    this.node = node;
    this.conn = conn;
  }

  PeerConnection connection() {
    return conn;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    conn.connected();
    RejectReason refusal = node.peers().admit(conn);
    if (refusal != null) {
      reject(ctx, refusal, "refused on connect");
      return;
    }
    ourNonce = node.newNonce();
    P2pConfig config = node.config();
    Hello hello =
        new Hello(
            config.magic(),
            config.protocolVersion(),
            config.genesisHash(),
            node.identity().publicKey(),
            node.peers().advertisedAddress(),
            node.bestHeight().getAsLong(),
            ourNonce,
            node.clock().wallMillis(),
            config.compression() ? ControlMessages.FEATURE_LZ4 : ControlMessages.NO_FEATURES);
    conn.sendControl(control(ControlMessages.HELLO, ControlMessages.HELLO_CODEC, hello));
    handshakeTimer =
        ctx.executor()
            .schedule(
                () -> reject(ctx, RejectReason.HANDSHAKE_TIMEOUT, "no handshake in time"),
                config.handshakeTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    cancelTimers();
    node.peers().onClosed(conn);
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Frame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    conn.recordReceived(frame);
    handleFrame(ctx, frame);
  }

  private void handleFrame(ChannelHandlerContext ctx, Frame frame) {
    try {
      switch (state) {
        case AWAIT_HELLO -> expect(ctx, frame, ControlMessages.HELLO, this::onHello);
        case AWAIT_AUTH -> expect(ctx, frame, ControlMessages.AUTH, this::onAuth);
        case VERIFYING ->
            // The decoder holds back what follows an AUTH until the handshake is verified.
            reject(ctx, RejectReason.UNEXPECTED_MESSAGE, "frame while verifying the handshake");
        case ESTABLISHED -> dispatch(ctx, frame);
        case CLOSED -> {}
      }
    } catch (CodecException e) {
      reject(ctx, RejectReason.MALFORMED_MESSAGE, "type " + frame.type() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("unexpected failure handling a frame from {}", conn, e);
      closeNow(ctx);
    }
  }

  private interface FrameAction {
    void run(ChannelHandlerContext ctx, Frame frame);
  }

  private void expect(ChannelHandlerContext ctx, Frame frame, int type, FrameAction action) {
    if (frame.type() != type) {
      reject(
          ctx,
          RejectReason.UNEXPECTED_MESSAGE,
          "type " + frame.type() + " during handshake, expected " + type);
      return;
    }
    action.run(ctx, frame);
  }

  // ---- handshake ----

  private void onHello(ChannelHandlerContext ctx, Frame frame) {
    Hello h = ControlMessages.HELLO_CODEC.decode(frame.payload());
    P2pConfig config = node.config();
    if (h.magic() != config.magic()) {
      reject(ctx, RejectReason.WRONG_MAGIC, "magic " + Long.toHexString(h.magic()));
      return;
    }
    if (h.protocolVersion() != config.protocolVersion()) {
      reject(ctx, RejectReason.WRONG_VERSION, "protocol version " + h.protocolVersion());
      return;
    }
    if (!h.genesisHash().equals(config.genesisHash())) {
      reject(ctx, RejectReason.WRONG_GENESIS, "genesis " + h.genesisHash());
      return;
    }
    if (h.nodeKey().equals(node.identity().publicKey())) {
      if (conn.dialAddress != null) {
        node.peers().markSelf(conn.dialAddress);
      }
      reject(ctx, RejectReason.SELF_CONNECTION, "peer has our own node key");
      return;
    }
    if (node.peers().isBanned(h.nodeKey())) {
      reject(ctx, RejectReason.BANNED, "node key is banned");
      return;
    }
    remoteHello = h;
    conn.identify(h.nodeKey(), effectiveListenAddress(h.listenAddress()), h.bestHeight());
    if (h.wallMillis() != ControlMessages.NO_WALL_CLOCK) {
      conn.recordClockOffset(h.wallMillis() - node.clock().wallMillis());
    }
    state = State.AWAIT_AUTH;
    byte[] toSign =
        ControlMessages.authBytes(h.nonce(), ourNonce, config.genesisHash(), h.nodeKey());
    offLoop(
        ctx,
        "handshake signing",
        () -> node.identity().sign(toSign),
        signature -> {
          conn.sendControl(
              control(ControlMessages.AUTH, ControlMessages.AUTH_CODEC, new Auth(signature)));
          authSent = true;
          maybeEstablish(ctx);
        });
  }

  /**
   * Where the peer can be dialled: the address we dialled, or for an inbound peer the IP it
   * connected from with the port it listens on (its own idea of its host may be a wildcard, a
   * loopback or a private address that means nothing to others).
   */
  private PeerAddress effectiveListenAddress(PeerAddress claimed) {
    if (conn.dialAddress != null) {
      return conn.dialAddress;
    }
    InetAddress ip = conn.remoteIp();
    return new PeerAddress(ip.getHostAddress(), claimed.port());
  }

  private void onAuth(ChannelHandlerContext ctx, Frame frame) {
    Auth auth = ControlMessages.AUTH_CODEC.decode(frame.payload());
    state = State.VERIFYING;
    // Frames after AUTH wait undecoded until the signature is checked; stop reading meanwhile.
    ctx.channel().config().setAutoRead(false);
    byte[] signed =
        ControlMessages.authBytes(
            ourNonce,
            remoteHello.nonce(),
            node.config().genesisHash(),
            node.identity().publicKey());
    var key = remoteHello.nodeKey();
    offLoop(
        ctx,
        "handshake signature check",
        () -> key.verify(signed, auth.signature()),
        valid -> {
          if (!valid) {
            reject(ctx, RejectReason.BAD_SIGNATURE, "handshake signature does not verify");
            return;
          }
          remoteVerified = true;
          conn.markVerified();
          maybeEstablish(ctx);
        });
  }

  private void maybeEstablish(ChannelHandlerContext ctx) {
    if (state != State.VERIFYING || !authSent || !remoteVerified) {
      return;
    }
    // Before the peer is listed as established, so no frame to it is chosen without this.
    conn.useCompression(
        node.config().compression() && remoteHello.supports(ControlMessages.FEATURE_LZ4));
    RejectReason refusal = node.peers().onHandshake(conn);
    if (refusal != null) {
      reject(ctx, refusal, "refused after handshake");
      return;
    }
    state = State.ESTABLISHED;
    handshakeTimer.cancel(false);
    node.metrics().handshake();
    peerLog.info("connected {} height {}", conn, remoteHello.bestHeight());
    long interval = node.config().pingInterval().toNanos();
    if (node.peers().isPriority(conn.nodeKey())) {
      // A validator link: probe it often and give up on it soon, so a dead link is redialled in
      // seconds instead of waiting for TCP's retransmission backoff.
      interval = node.config().priorityPingInterval().toNanos();
      ctx.pipeline()
          .replace(
              "idle",
              "idle",
              new IdleStateHandler(
                  node.config().priorityPeerTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
    }
    pingTimer =
        ctx.executor()
            .scheduleAtFixedRate(() -> sendPing(), interval, interval, TimeUnit.NANOSECONDS);
    if (conn.direction == Direction.OUTBOUND) {
      conn.sendControl(
          control(ControlMessages.GETADDR, ControlMessages.GETADDR_CODEC, new GetAddr()));
    }
    // Reading resumes before the held bytes are decoded, so their deliveries may pause it again.
    ctx.channel().config().setAutoRead(true);
    ctx.pipeline().get(FrameDecoder.class).open(ctx, conn.compresses());
  }

  /** Runs {@code work} on the work executor, then {@code then} back on this connection's loop. */
  private <T> void offLoop(
      ChannelHandlerContext ctx, String what, Supplier<T> work, Consumer<T> then) {
    try {
      node.work()
          .execute(
              () -> {
                T result;
                try {
                  node.guard().requireOffEventLoop(what);
                  result = work.get();
                } catch (RuntimeException e) {
                  log.error("{} failed for {}", what, conn, e);
                  ctx.channel().close();
                  return;
                }
                ctx.executor()
                    .execute(
                        () -> {
                          if (state != State.CLOSED) {
                            then.accept(result);
                          }
                        });
              });
    } catch (RejectedExecutionException e) {
      closeNow(ctx);
    }
  }

  // ---- established ----

  private void dispatch(ChannelHandlerContext ctx, Frame frame) {
    switch (frame.type()) {
      case ControlMessages.PING -> {
        if (allowed(ctx, frame.type(), PING_LIMIT)) {
          Ping ping = ControlMessages.PING_CODEC.decode(frame.payload());
          conn.updateHeight(ping.bestHeight());
          Pong pong = new Pong(ping.nonce(), node.bestHeight().getAsLong());
          conn.sendControl(control(ControlMessages.PONG, ControlMessages.PONG_CODEC, pong));
        }
      }
      case ControlMessages.PONG -> {
        if (allowed(ctx, frame.type(), PING_LIMIT)) {
          onPong(ControlMessages.PONG_CODEC.decode(frame.payload()));
        }
      }
      case ControlMessages.GETADDR -> {
        if (allowed(ctx, frame.type(), ADDR_LIMIT)) {
          ControlMessages.GETADDR_CODEC.decode(frame.payload());
          Addr addr = new Addr(node.peers().addressesFor(conn, ControlMessages.MAX_ADDRESSES));
          conn.sendControl(
              conn.forWire(control(ControlMessages.ADDR, ControlMessages.ADDR_CODEC, addr)));
        }
      }
      case ControlMessages.ADDR -> {
        if (allowed(ctx, frame.type(), ADDR_LIMIT)) {
          Addr addr = ControlMessages.ADDR_CODEC.decode(frame.payload());
          int names = node.peers().learn(addr.addresses(), conn);
          if (names > TOLERATED_HOST_NAMES) {
            reject(ctx, RejectReason.ADDR_HOST_NAMES, names + " host names in one ADDR");
          }
        }
      }
      case ControlMessages.HELLO, ControlMessages.AUTH ->
          reject(ctx, RejectReason.UNEXPECTED_MESSAGE, "handshake message after handshake");
      default -> dispatchApplication(ctx, frame);
    }
  }

  private void sendPing() {
    long nonce = node.random().nextLong();
    if (pingsInFlight.size() >= MAX_PINGS_IN_FLIGHT) {
      pingsInFlight.pollFirstEntry();
    }
    pingsInFlight.put(nonce, node.clock().monoNanos());
    Ping ping = new Ping(nonce, node.bestHeight().getAsLong());
    conn.sendControl(control(ControlMessages.PING, ControlMessages.PING_CODEC, ping));
  }

  private void onPong(Pong pong) {
    conn.updateHeight(pong.bestHeight());
    Long sentNanos = pingsInFlight.remove(pong.nonce());
    if (sentNanos != null) {
      conn.recordRtt(node.clock().monoNanos() - sentNanos);
    }
  }

  private void dispatchApplication(ChannelHandlerContext ctx, Frame frame) {
    MessageRegistry.Registration<?> reg = node.registry().lookup(frame.type());
    if (reg == null) {
      reject(ctx, RejectReason.UNKNOWN_MESSAGE_TYPE, "type " + frame.type());
      return;
    }
    if (allowed(ctx, frame.type(), reg.type().rateLimit())) {
      deliver(reg, frame);
    }
  }

  private <T> void deliver(MessageRegistry.Registration<T> reg, Frame frame) {
    // The hash check comes first: equal bytes decode equally, so a duplicate needs no decoding.
    if (reg.type().deduplicated() && !node.seen().firstSight(frame.type(), frame.payload())) {
      node.metrics().duplicate();
      return;
    }
    T message = reg.type().codec().decode(frame.payload());
    var from = conn.nodeKey();
    conn.deliver(reg.lane(), () -> reg.handler().onMessage(from, message));
  }

  private boolean allowed(ChannelHandlerContext ctx, int type, RateLimit limit) {
    if (conn.spend(type, limit, node.clock().monoNanos())) {
      return true;
    }
    reject(ctx, RejectReason.RATE_LIMITED, "type " + type);
    return false;
  }

  // ---- events and errors ----

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ProtocolViolation v) {
      reject(ctx, v.reason(), v.detail());
    } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      reject(ctx, RejectReason.PEER_TIMEOUT, "no traffic within the keep-alive timeout");
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  /**
   * A channel that stays unwritable for {@link P2pConfig#sendStallTimeout()} belongs to a peer that
   * does not read what we send: it is disconnected rather than buffered.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      if (stallTimer != null) {
        stallTimer.cancel(false);
        stallTimer = null;
      }
      conn.queue().drain();
    } else if (stallTimer == null && state != State.CLOSED) {
      stallTimer =
          ctx.executor()
              .schedule(
                  () -> {
                    stallTimer = null;
                    if (!ctx.channel().isWritable()) {
                      reject(ctx, RejectReason.SEND_STALLED, "not reading what we send");
                    }
                  },
                  node.config().sendStallTimeout().toNanos(),
                  TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", conn, cause.toString());
    } else {
      peerLog.warn("error on connection {}", conn, cause);
    }
    closeNow(ctx);
  }

  /** Counts, logs and answers a refusal: penalty points, and a disconnect when due or banned. */
  private void reject(ChannelHandlerContext ctx, RejectReason reason, String detail) {
    if (state == State.CLOSED) {
      return;
    }
    node.metrics().reject(reason);
    if (reason == RejectReason.RATE_LIMITED) {
      log.debug("peer {}: {} ({})", conn, reason, detail);
    } else {
      peerLog.info("peer {}: {} ({})", conn, reason, detail);
    }
    boolean banned =
        reason.penalty() > 0 && node.peers().penalize(conn, reason.penalty(), reason.name());
    if (reason.disconnects() || banned) {
      closeNow(ctx);
    }
  }

  private void closeNow(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    cancelTimers();
    // What is queued goes out first if the peer reads (e.g. our AUTH before a refusal).
    conn.queue().drain();
    ctx.close();
  }

  private void cancelTimers() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    if (pingTimer != null) {
      pingTimer.cancel(false);
    }
    if (stallTimer != null) {
      stallTimer.cancel(false);
    }
  }

  static <T> Frame control(int type, Codec<T> codec, T message) {
    return new Frame(type, codec.encode(message));
  }
}
