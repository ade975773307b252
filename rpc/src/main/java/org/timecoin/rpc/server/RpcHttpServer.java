package org.timecoin.rpc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.node.config.RpcSection;

/**
 * JSON-RPC over HTTP POST. The Netty event loop parses HTTP and checks Host, Origin, credentials
 * and Content-Type; request bodies are dispatched on a bounded worker pool (a full queue answers
 * "busy"), because answering may read storage. Connections are capped (an idle one gives way to a
 * newcomer) and closed after {@code idle_timeout_ms} with nothing in progress.
 */
public final class RpcHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RpcHttpServer.class);

  private final RpcSection rpc;
  private final JsonRpcDispatcher dispatcher;
  private final RpcAuthenticator auth;
  private final ConnectionRegistry connections;

  private EventLoopGroup group;
  private ThreadPoolExecutor workers;
  private Channel serverChannel;

  public RpcHttpServer(
      RpcSection rpc, int maxConnections, RpcAuthenticator auth, JsonRpcDispatcher dispatcher) {
    this.rpc = rpc;
    this.auth = auth;
    this.dispatcher = dispatcher;
    this.connections = new ConnectionRegistry(maxConnections);
  }

  /** Binds the port; throws if it is taken. */
  public synchronized void start() throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    workers =
        new ThreadPoolExecutor(
            rpc.workerThreads(),
            rpc.workerThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(rpc.workQueue()),
            r -> {
              Thread t = new Thread(r, "rpc-worker-" + rpc.port() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    RpcHttpHandler.Shared shared =
        new RpcHttpHandler.Shared(
            dispatcher,
            workers,
            new RequestGate(
                rpc.bindAddress(), rpc.port(), rpc.allowedHosts(), rpc.allowedOrigins()),
            auth,
            new AuthFailureLimiter(rpc.authFailuresPerMinute(), System::nanoTime),
            rpc.maxFinalityWaitersPerConnection());
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(32 * 1024, 64 * 1024))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ReadGate gate = new ReadGate();
                    RpcHttpHandler handler = new RpcHttpHandler(shared, gate);
                    if (!connections.admit(ch, handler)) {
                      ch.close();
                      return;
                    }
                    ch.pipeline()
                        .addLast(gate)
                        .addLast(
                            new IdleStateHandler(
                                0, 0, rpc.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast(new HttpServerCodec(4096, 8192, 8192))
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(rpc.maxRequestBytes()))
                        .addLast(handler);
                  }
                });
    serverChannel = b.bind(new InetSocketAddress(rpc.bindAddress(), rpc.port())).sync().channel();
    exposureWarning(rpc.bindAddress()).ifPresent(log::warn);
  }

  /** The warning to log when {@code bindAddress} lets other machines reach the RPC port. */
  static java.util.Optional<String> exposureWarning(String bindAddress) {
    if (RequestGate.isLoopback(bindAddress)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "JSON-RPC is bound to "
            + bindAddress
            + ", which other machines can reach: anyone who reaches the port can try passwords"
            + " and, with them, spend from the wallet or stop the node; keep the port behind a"
            + " firewall or bind 127.0.0.1");
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Connections open now. */
  public int connections() {
    return connections.size();
  }

  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
    if (workers != null) {
      workers.shutdownNow();
      workers = null;
    }
  }
}
