package org.timecoin.rpc.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JSON-RPC 2.0 request body (single or batch) into a response body. Every failure becomes a
 * JSON-RPC error object; an unexpected exception is logged here and answered as an internal error,
 * so no stack trace ever reaches a client.
 */
public final class JsonRpcDispatcher {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcDispatcher.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  // Floats stay BigDecimal: amounts in TIME are read from the digits the client sent.
  private final ObjectMapper mapper =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

  public JsonRpcDispatcher(Collection<RpcMethod> methods) {
    for (RpcMethod m : methods) {
      if (this.methods.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("two methods named " + m.name());
      }
    }
  }

  public Collection<RpcMethod> methods() {
    return methods.values();
  }

  /** The response body, or null when the request held only notifications (nothing to answer). */
  public byte[] handle(byte[] body) {
    return handleAsync(body).join();
  }

  /** As {@link #handle}, completing when every method of the request has answered. */
  public CompletableFuture<byte[]> handleAsync(byte[] body) {
    JsonNode request;
    try {
      request = mapper.readTree(body);
    } catch (JacksonException e) {
      return done(
          error(
              JSON.nullNode(),
              RpcErrorCodes.PARSE_ERROR,
              "Parse error: " + e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      return done(error(JSON.nullNode(), RpcErrorCodes.PARSE_ERROR, "Parse error"));
    }
    if (request == null || request.isMissingNode()) {
      return done(error(JSON.nullNode(), RpcErrorCodes.PARSE_ERROR, "Parse error: empty body"));
    }
    if (request.isArray()) {
      if (request.isEmpty()) {
        return done(
            error(JSON.nullNode(), RpcErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch"));
      }
      List<CompletableFuture<ObjectNode>> parts = new ArrayList<>();
      for (JsonNode r : request) {
        parts.add(handleOne(r));
      }
      return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
          .thenApply(
              v -> {
                ArrayNode responses = JSON.arrayNode();
                for (CompletableFuture<ObjectNode> p : parts) {
                  ObjectNode response = p.join();
                  if (response != null) {
                    responses.add(response);
                  }
                }
                return responses.isEmpty() ? null : write(responses);
              });
    }
    return handleOne(request).thenApply(response -> response == null ? null : write(response));
  }

  private CompletableFuture<byte[]> done(ObjectNode response) {
    return CompletableFuture.completedFuture(write(response));
  }

  private CompletableFuture<ObjectNode> handleOne(JsonNode req) {
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
    JsonNode responseId = id == null ? JSON.nullNode() : id;
    ObjectNode invalid = checkEnvelope(req, responseId);
    CompletableFuture<ObjectNode> response;
    if (invalid != null) {
      response = CompletableFuture.completedFuture(invalid);
    } else {
      String name = req.get("method").asText();
      RpcMethod m = methods.get(name);
      response =
          m == null
              ? CompletableFuture.completedFuture(
                  error(responseId, RpcErrorCodes.METHOD_NOT_FOUND, "Method not found: " + name))
              : call(m, req.get("params"), responseId);
    }
    return notification ? response.thenApply(r -> null) : response;
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

  private CompletableFuture<ObjectNode> call(RpcMethod m, JsonNode params, JsonNode id) {
    CompletableFuture<JsonNode> result;
    try {
      result = m.callAsync(Params.of(params == null || params.isNull() ? null : params));
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
              error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof RpcException e) {
            return error(id, e.code(), e.getMessage());
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

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }
}
