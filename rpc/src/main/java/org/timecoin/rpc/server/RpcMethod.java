package org.timecoin.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method. Implementations are stateless apart from the facades they query. */
public interface RpcMethod {
  String name();

  /**
   * Help text. Its first line is {@code "name <required> [optional=default] - what it does."} (the
   * {@code help} method lists these lines, time-cli takes its usage from them); further lines, if
   * any, explain parameters and result.
   */
  String help();

  /**
   * Whether a read-only user is refused this method: stopping the node, moving coins, changing key
   * protection or exporting keys. Such methods return true (and are listed in {@link
   * AdminMethods#NAMES}).
   */
  default boolean admin() {
    return false;
  }

  /** The {@code result} member of the response. */
  JsonNode call(Params params) throws RpcException;

  /**
   * The result, possibly later: methods that wait for an event override this so no worker thread is
   * held while they wait. Fails with {@link RpcException} for a client error.
   */
  default java.util.concurrent.CompletableFuture<JsonNode> callAsync(Params params) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(call(params));
    } catch (RpcException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }
}
