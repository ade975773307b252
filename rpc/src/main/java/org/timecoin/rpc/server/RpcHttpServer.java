package org.timecoin.rpc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON-RPC over HTTP POST. The Netty event loop only parses HTTP; each request body is dispatched
 * on a small worker pool because answering may read storage.
 */
public final class RpcHttpServer implements AutoCloseable {
  private final String bindAddress;
  private final int port;
  private final int maxRequestBytes;
  private final int maxConnections;
  private final JsonRpcDispatcher dispatcher;
  private final AtomicInteger openConnections = new AtomicInteger();

  private EventLoopGroup group;
  private ExecutorService workers;
  private Channel serverChannel;

  public RpcHttpServer(
      String bindAddress,
      int port,
      int maxRequestBytes,
      int maxConnections,
      JsonRpcDispatcher dispatcher) {
    this.bindAddress = bindAddress;
    this.port = port;
    this.maxRequestBytes = maxRequestBytes;
    this.maxConnections = maxConnections;
    this.dispatcher = dispatcher;
  }

  /** Binds the port; throws if it is taken. */
  public synchronized void start() throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "rpc-worker-" + port + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (openConnections.incrementAndGet() > maxConnections) {
                      openConnections.decrementAndGet();
                      ch.close();
                      return;
                    }
                    ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(maxRequestBytes))
                        .addLast(new RpcHttpHandler(dispatcher, workers));
                  }
                });
    serverChannel = b.bind(new InetSocketAddress(bindAddress, port)).sync().channel();
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
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
