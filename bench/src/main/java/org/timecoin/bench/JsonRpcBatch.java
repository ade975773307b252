package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * JSON-RPC 2.0 batches to one node over HTTP, without blocking: each call of a batch gets its own
 * answer, in call order. A whole batch fails (the future completes exceptionally) when the node
 * does not answer with a batch of the same length.
 */
final class JsonRpcBatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call of a batch. */
  record Call(String method, List<Object> params) {}

  /** The answer to one call: its result, or its error code and message. */
  record Answer(JsonNode result, int errorCode, String errorMessage) {
    boolean ok() {
      return errorMessage == null;
    }
  }

  /** The node answered the HTTP request with a status other than 200. */
  static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpStatusException(int status) {
      super("HTTP " + status);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final HttpClient http;
  private final URI uri;
  private final RpcCredentials credentials;
  private final Duration timeout;

  JsonRpcBatch(URI uri, RpcCredentials credentials, Duration timeout) {
    this.uri = uri;
    this.credentials = credentials;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  URI uri() {
    return uri;
  }

  CompletableFuture<List<Answer>> send(List<Call> calls) {
    ArrayNode batch = JSON.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode req = batch.addObject();
      req.put("jsonrpc", "2.0").put("id", i).put("method", calls.get(i).method());
      ArrayNode params = req.putArray("params");
      calls.get(i).params().forEach(p -> params.add(JSON.valueToTree(p)));
    }
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Authorization", credentials.header())
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch)))
              .build();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> answers(r, calls.size()));
  }

  private static List<Answer> answers(HttpResponse<byte[]> response, int count) {
    if (response.statusCode() != 200) {
      throw new UncheckedIOException(new HttpStatusException(response.statusCode()));
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body == null || !body.isArray() || body.size() != count) {
      throw new UncheckedIOException(
          new IOException("expected a batch answer of " + count + " elements"));
    }
    Answer[] byId = new Answer[count];
    for (JsonNode a : body) {
      int id = a.path("id").asInt(-1);
      if (id < 0 || id >= count || byId[id] != null) {
        throw new UncheckedIOException(new IOException("batch answer with a bad id: " + a));
      }
      JsonNode error = a.get("error");
      byId[id] =
          error == null || error.isNull()
              ? new Answer(a.get("result"), 0, null)
              : new Answer(null, error.path("code").asInt(), error.path("message").asText(""));
    }
    return new ArrayList<>(List.of(byId));
  }
}
