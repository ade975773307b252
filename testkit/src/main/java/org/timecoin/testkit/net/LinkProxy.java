package org.timecoin.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of one node, whose link a test can cut and restore: one end of a simulated
 * network partition on real sockets.
 *
 * <p>A cut behaves like a network that silently drops everything: connections stay open, nothing
 * crosses in either direction, and new connections are accepted but carry nothing. No FIN or RST
 * tells either side; the nodes must notice by themselves (keep-alive). When the link is restored,
 * what waited in the proxy and in the socket buffers flows again, as retransmissions would.
 */
public final class LinkProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Object gate = new Object();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesForwarded = new AtomicLong();
  private volatile boolean cut;
  private volatile boolean closed;

  private LinkProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** Starts a proxy on an ephemeral port of 127.0.0.1 that forwards to {@code target}. */
  public static LinkProxy start(InetSocketAddress target) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    LinkProxy proxy = new LinkProxy(server, target);
    Thread.ofVirtual().name("link-proxy-accept").start(proxy::acceptLoop);
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Stops everything from crossing, in both directions, until {@link #restore}. */
  public void cut() {
    cut = true;
  }

  public void restore() {
    synchronized (gate) {
      cut = false;
      gate.notifyAll();
    }
  }

  public boolean isCut() {
    return cut;
  }

  public long bytesForwarded() {
    return bytesForwarded.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket downstream;
      try {
        downstream = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread.ofVirtual().name("link-proxy-connect").start(() -> connect(downstream));
    }
  }

  private void connect(Socket downstream) {
    Socket upstream = new Socket();
    try {
      upstream.setTcpNoDelay(true);
      downstream.setTcpNoDelay(true);
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      closeQuietly(downstream);
      closeQuietly(upstream);
      return;
    }
    sockets.add(downstream);
    sockets.add(upstream);
    Thread.ofVirtual().name("link-proxy-pump").start(() -> pump(downstream, upstream));
    Thread.ofVirtual().name("link-proxy-pump").start(() -> pump(upstream, downstream));
  }

  /** Copies {@code from} to {@code to}; whatever is read while cut waits for the restore. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        awaitOpen();
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        awaitOpen();
        out.write(buffer, 0, n);
        out.flush();
        bytesForwarded.addAndGet(n);
      }
    } catch (IOException | InterruptedException e) {
      // one side closed or failed: close both, as a real connection would end
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private void awaitOpen() throws InterruptedException {
    synchronized (gate) {
      while (cut && !closed) {
        gate.wait();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    synchronized (gate) {
      gate.notifyAll();
    }
  }

  /** Where the proxy forwards to. */
  public InetSocketAddress target() {
    return target;
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
