package org.timecoin.node.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.MetricsSection;

/**
 * Serves {@code GET /metrics} in the Prometheus text format, and nothing else. The JDK's own HTTP
 * server is enough for one path that a scraper reads every few seconds on loopback: it adds no
 * dependency, and it runs on a thread of its own, so a slow scraper never holds a P2P event loop or
 * the RPC server.
 */
public final class MetricsServer implements AutoCloseable {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  static {
    // A client that stalls mid-request or mid-response would hold the server's only thread: the
    // JDK server drops it after this many seconds (unless the operator set the limits).
    for (String limit :
        new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
      if (System.getProperty(limit) == null) {
        System.setProperty(limit, "10");
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /** Binds {@code [metrics] bind_address:port} and serves {@code scrape}'s text. */
  public static MetricsServer start(MetricsSection config, Supplier<String> scrape) {
    InetSocketAddress bind;
    try {
      bind = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
    } catch (IOException e) {
      throw new ConfigException(
          "[metrics] bind_address " + config.bindAddress() + ": " + e.getMessage(), e);
    }
    HttpServer server;
    try {
      server = HttpServer.create(bind, 16);
    } catch (IOException e) {
      throw new ConfigException(
          "[metrics] cannot listen on " + bind + ": " + e.getMessage() + " (is the port in use?)",
          e);
    }
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("metrics-http").daemon().factory());
    server.setExecutor(thread);
    server.createContext("/", exchange -> handle(exchange, scrape));
    server.start();
    return new MetricsServer(server, thread);
  }

  private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, "text/plain; charset=utf-8", "not found: only " + PATH + "\n");
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        reply(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
      } else {
        reply(exchange, 200, CONTENT_TYPE, scrape.get());
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The address bound (the real port when the configured one was 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
