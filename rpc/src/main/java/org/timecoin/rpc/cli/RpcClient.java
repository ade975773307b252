package org.timecoin.rpc.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A blocking JSON-RPC 2.0 client over HTTP, as used by time-cli and tests. */
public final class RpcClient {
  // Decimal amounts go out as written (0.00000001, never 1E-8).
  private final ObjectMapper mapper =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private final HttpClient http;
  private final URI uri;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Duration timeout;
  private final RpcCredentials credentials;

  /** A client that sends no credentials (every call is refused by a node; for tests of that). */
  public RpcClient(URI uri) {
    this(uri, null);
  }

  public RpcClient(URI uri, RpcCredentials credentials) {
    this(uri, credentials, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** A client that gives up connecting after {@code connect} and waiting after {@code timeout}. */
  public RpcClient(URI uri, RpcCredentials credentials, Duration connect, Duration timeout) {
    this.uri = uri;
    this.credentials = credentials;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(connect).build();
  }

  /** The method's result; a JSON-RPC error object becomes an {@link RpcCallException}. */
  public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    ArrayNode p = mapper.createArrayNode();
    for (Object o : params) {
      p.add(o instanceof JsonNode j ? j : mapper.valueToTree(o));
    }
    return call(method, p);
  }

  public JsonNode call(String method, ArrayNode params) throws IOException, InterruptedException {
    ObjectNode req = mapper.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", nextId.getAndIncrement());
    req.put("method", method);
    req.set("params", params);
    HttpResponse<String> http = post(mapper.writeValueAsBytes(req));
    if (http.statusCode() == 401) {
      throw new RpcAuthException(
          "authentication failed: "
              + (credentials == null
                  ? "no credentials (the node's cookie, or --rpc-user and --rpc-password)"
                  : "the node refused the credentials of user " + credentials.user()));
    }
    JsonNode resp;
    try {
      resp = mapper.readTree(http.body());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("HTTP " + http.statusCode() + " without a JSON-RPC answer");
    }
    if (resp == null || !resp.isObject() || !(resp.has("result") || resp.has("error"))) {
      throw new IOException("HTTP " + http.statusCode() + " without a JSON-RPC answer");
    }
    JsonNode error = resp.get("error");
    if (error != null && !error.isNull()) {
      throw new RpcCallException(error.path("code").asInt(), error.path("message").asText());
    }
    return resp.get("result");
  }

  /** Sends raw bytes and returns the raw HTTP response (for protocol-level tests). */
  public HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (credentials != null) {
      req.header("Authorization", credentials.header());
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  public URI uri() {
    return uri;
  }

  /** The node refused the credentials (HTTP 401). */
  public static final class RpcAuthException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcAuthException(String message) {
      super(message);
    }
  }

  /** A JSON-RPC error answered by the server. */
  public static final class RpcCallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public RpcCallException(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
