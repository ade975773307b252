package org.timecoin.rpc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 that records each request body and answers what the test set: a
 * JSON-RPC result, an error, or any status and body.
 */
final class FakeRpcServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> bodies = new CopyOnWriteArrayList<>();
  private final HttpServer http;
  private volatile int status = 200;
  private volatile String answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}";

  FakeRpcServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
  }

  void result(String json) {
    raw(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + json + "}");
  }

  void error(int code, String message) {
    raw(
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
            + code
            + ",\"message\":\""
            + message
            + "\"}}");
  }

  void raw(int status, String body) {
    this.status = status;
    this.answer = body;
  }

  /** The last request's method. */
  String method() throws IOException {
    return last().get("method").asText();
  }

  /** The last request's params, as JSON text exactly as sent. */
  String params() throws IOException {
    String body = bodies.get(bodies.size() - 1);
    int at = body.indexOf("\"params\":");
    return body.substring(at + "\"params\":".length(), body.lastIndexOf('}'));
  }

  JsonNode last() throws IOException {
    return JSON.readTree(bodies.get(bodies.size() - 1));
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
