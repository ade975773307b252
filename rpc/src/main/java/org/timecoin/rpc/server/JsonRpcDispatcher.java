package org.timecoin.rpc.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JSON-RPC 2.0 request body (single or batch) into a response body. Parsing is strict
 * (bounded depth and string length, no duplicate keys, nothing after the value); a batch longer
 * than the limit is refused before any of it runs; a read-only caller is refused admin methods; the
 * response is bounded in bytes. Every failure becomes a JSON-RPC error object in our own words: an
 * unexpected exception is logged here and answered as an internal error, so no stack trace, class
 * name or echo of a long input ever reaches a client.
 */
public final class JsonRpcDispatcher {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_DIGITS = 100;

  private final ObjectMapper mapper;
  private final Map<String, RpcMethod> methods = new LinkedHashMap<>();
  private final DispatchLimits limits;

  public JsonRpcDispatcher(Collection<RpcMethod> methods) {
    this(methods, DispatchLimits.defaults());
  }

  public JsonRpcDispatcher(Collection<RpcMethod> methods, DispatchLimits limits) {
    this.limits = limits;
    for (RpcMethod m : methods) {
      if (this.methods.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("two methods named " + m.name());
      }
    }
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNumberLength(MAX_DIGITS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Amounts are decimal: they reach methods exactly, never through a binary double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
  }

  public Collection<RpcMethod> methods() {
    return methods.values();
  }

  public DispatchLimits limits() {
    return limits;
  }

  /** The response body for a caller inside the process, or null for notifications only. */
  public byte[] handle(byte[] body) {
    return handleAsync(body, RpcCaller.local()).join();
  }

  /**
   * The response body, or null when the request held only notifications (nothing to answer);
   * completes when every method of the request has answered.
   */
  public CompletableFuture<byte[]> handleAsync(byte[] body, RpcCaller caller) {
    JsonNode request;
    try {
      request = mapper.readTree(body);
    } catch (JacksonException e) {
      return done(
          error(JSON.nullNode(), RpcErrorCodes.PARSE_ERROR, ParseErrors.describe(e, limits)));
    } catch (IOException | RuntimeException e) {
      // e.g. a number the parser cannot represent; its message is not for clients
      return done(error(JSON.nullNode(), RpcErrorCodes.PARSE_ERROR, "Parse error: invalid JSON"));
    }
    if (request == null || request.isMissingNode()) {
      return done(error(JSON.nullNode(), RpcErrorCodes.PARSE_ERROR, "Parse error: empty body"));
    }
    if (!request.isArray()) {
      return handleOne(request, caller).thenApply(r -> r == null ? null : capped(r));
    }
    if (request.isEmpty()) {
      return done(
          error(JSON.nullNode(), RpcErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch"));
    }
    if (request.size() > limits.maxBatch()) {
      return done(
          error(
              JSON.nullNode(),
              RpcErrorCodes.INVALID_REQUEST,
              "Invalid Request: a batch may hold at most "
                  + limits.maxBatch()
                  + " calls, this one holds "
                  + request.size()));
    }
    return batch(request, caller);
  }

  /** Answers each call as it completes, keeping only its bytes and stopping at the size cap. */
  private CompletableFuture<byte[]> batch(JsonNode request, RpcCaller caller) {
    AtomicLong bytes = new AtomicLong(2);
    List<CompletableFuture<byte[]>> parts = new ArrayList<>();
    for (JsonNode r : request) {
      parts.add(
          handleOne(r, caller)
              .thenApply(
                  response -> {
                    if (response == null) {
                      return null;
                    }
                    byte[] b = write(response);
                    if (bytes.addAndGet(b.length + 1) > limits.maxResponseBytes()) {
                      return write(tooLarge(response.get("id")));
                    }
                    return b;
                  }));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              out.write('[');
              boolean first = true;
              for (CompletableFuture<byte[]> p : parts) {
                byte[] b = p.join();
                if (b != null) {
                  if (!first) {
                    out.write(',');
                  }
                  out.writeBytes(b);
                  first = false;
                }
              }
              out.write(']');
              return first ? null : out.toByteArray();
            });
  }

  private byte[] capped(ObjectNode response) {
    byte[] b = write(response);
    return b.length > limits.maxResponseBytes() ? write(tooLarge(response.get("id"))) : b;
  }

  private ObjectNode tooLarge(JsonNode id) {
    return error(
        id == null ? JSON.nullNode() : id,
        RpcErrorCodes.RESPONSE_TOO_LARGE,
        "Response too large: the limit is " + limits.maxResponseBytes() + " bytes");
  }

  private CompletableFuture<byte[]> done(ObjectNode response) {
    return CompletableFuture.completedFuture(write(response));
  }

  private CompletableFuture<ObjectNode> handleOne(JsonNode req, RpcCaller caller) {
    if (!req.isObject()) {
      return CompletableFuture.completedFuture(
          error(JSON.nullNode(), RpcErrorCodes.INVALID_REQUEST, "Invalid Request: not an object"));
    }
    JsonNode id = req.get("id");
    boolean notification = id == null;
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return CompletableFuture.completedFuture(
          error(
              JSON.nullNode(),
              RpcErrorCodes.INVALID_REQUEST,
              "Invalid Request: id must be a string, number or null"));
    }
    if (id != null && (id.isTextual() && id.asText().length() > 256 || !StrictNumbers.fit(id))) {
      return CompletableFuture.completedFuture(
          error(JSON.nullNode(), RpcErrorCodes.INVALID_REQUEST, "Invalid Request: id too long"));
    }
    JsonNode responseId = id == null ? JSON.nullNode() : id;
    ObjectNode invalid = checkEnvelope(req, responseId);
    CompletableFuture<ObjectNode> response;
    if (invalid != null) {
      response = CompletableFuture.completedFuture(invalid);
    } else {
      response = route(req, responseId, caller);
    }
    return notification ? response.thenApply(r -> null) : response;
  }

  private CompletableFuture<ObjectNode> route(JsonNode req, JsonNode id, RpcCaller caller) {
    String name = req.get("method").asText();
    RpcMethod m = methods.get(name);
    if (m == null) {
      return CompletableFuture.completedFuture(
          error(
              id, RpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + Params.shortPrefix(name)));
    }
    if (caller.readOnly() && AdminMethods.isAdmin(m)) {
      return CompletableFuture.completedFuture(
          error(
              id,
              RpcErrorCodes.FORBIDDEN,
              "Method " + name + " is not allowed for read-only user " + caller.user()));
    }
    JsonNode params = req.get("params");
    if (params != null && !StrictNumbers.fit(params)) {
      return CompletableFuture.completedFuture(
          error(
              id,
              RpcErrorCodes.INVALID_PARAMS,
              "Invalid params: numbers must be integers within 64 bits or plain decimals"));
    }
    return call(m, params, id, caller);
  }

  /**
   * The error for a malformed envelope (version, method, params), or null when it is well formed.
   */
  private static ObjectNode checkEnvelope(JsonNode req, JsonNode id) {
    JsonNode version = req.get("jsonrpc");
    // "1.0" and a missing member are tolerated: Bitcoin-style clients send them.
    if (version != null
        && !(version.isTextual()
            && ("2.0".equals(version.asText()) || "1.0".equals(version.asText())))) {
      return error(id, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
    }
    JsonNode method = req.get("method");
    if (method == null || !method.isTextual()) {
      return error(id, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: method must be a string");
    }
    JsonNode params = req.get("params");
    if (params != null && !(params.isArray() || params.isObject() || params.isNull())) {
      return error(
          id,
          RpcErrorCodes.INVALID_REQUEST,
          "Invalid Request: params must be an array or an object");
    }
    return null;
  }

  private CompletableFuture<ObjectNode> call(
      RpcMethod m, JsonNode params, JsonNode id, RpcCaller caller) {
    CompletableFuture<JsonNode> result;
    try {
      result = m.callAsync(Params.of(params == null || params.isNull() ? null : params, caller));
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.handle(
        (r, error) -> {
          if (error == null) {
            ObjectNode ok = JSON.objectNode();
            ok.put("jsonrpc", "2.0");
            ok.set("result", r == null ? JSON.nullNode() : r);
            ok.set("id", id);
            return ok;
          }
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof RpcException e) {
            return error(id, e.code(), e.getMessage());
          }
          if (cause instanceof RejectedExecutionException) {
            return error(id, RpcErrorCodes.SERVER_BUSY, "Server busy: try again later");
          }
          if (cause instanceof org.timecoin.node.api.NodeStarting starting) {
            return error(id, RpcErrorCodes.IN_WARMUP, starting.getMessage());
          }
          log.error("RPC method {} failed", m.name(), cause);
          return error(id, RpcErrorCodes.INTERNAL_ERROR, "Internal error");
        });
  }

  static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode err = JSON.objectNode();
    err.put("code", code);
    err.put("message", message);
    ObjectNode out = JSON.objectNode();
    out.put("jsonrpc", "2.0");
    out.set("error", err);
    out.set("id", id);
    return out;
  }

  /** A JSON-RPC error response body, for answers the server gives before dispatching. */
  public static byte[] errorBody(int code, String message) {
    return error(JSON.nullNode(), code, message).toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }
}
