package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.TxLookup;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcCaller;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * waittransactionfinality &lt;txid&gt; [timeout_s=300]: answers once the transaction is in a
 * finalized block, or when the timeout passes (then {@code finalized} is false). Holds no thread
 * while waiting.
 */
public final class WaitTransactionFinality implements RpcMethod {
  static final long MAX_TIMEOUT_S = 300;

  /** As the original node: five minutes unless the caller says otherwise. */
  static final long DEFAULT_TIMEOUT_S = 300;

  private final ChainQueries chain;

  public WaitTransactionFinality(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "waittransactionfinality";
  }

  @Override
  public String help() {
    return "waittransactionfinality <txid> [timeout_s=300] - Waits until the transaction is final or the timeout passes.\n"
        + "Answers at once when it is already final; after the timeout, finalized is false.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    try {
      return callAsync(params).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RpcException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Bounded per connection here, and in all and per transaction by the node. */
  @Override
  public CompletableFuture<JsonNode> callAsync(Params params) {
    String txid;
    long timeout;
    try {
      params.accept("txid", "timeout");
      txid = Txids.parse(params.requiredString(0, "txid"));
      timeout = params.optionalLong(1, "timeout", DEFAULT_TIMEOUT_S, 0, MAX_TIMEOUT_S);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    RpcCaller caller = params.caller();
    if (!caller.tryReserveWaiter()) {
      return CompletableFuture.failedFuture(
          new RpcException(
              RpcErrorCodes.SERVER_BUSY,
              "Too many waittransactionfinality calls on this connection; try again later"));
    }
    CompletableFuture<Optional<TxLookup>> waited;
    try {
      waited = chain.awaitFinality(txid, Duration.ofSeconds(timeout));
    } catch (RuntimeException e) {
      waited = CompletableFuture.failedFuture(e);
    }
    waited.whenComplete((v, e) -> caller.releaseWaiter());
    return waited.handle((found, error) -> answer(txid, found, error)).thenCompose(f -> f);
  }

  private static CompletableFuture<JsonNode> answer(
      String txid, Optional<TxLookup> found, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RejectedExecutionException) {
      return CompletableFuture.failedFuture(
          new RpcException(
              RpcErrorCodes.SERVER_BUSY,
              "Too many transactions are being waited on; try again later"));
    }
    if (cause != null) {
      return CompletableFuture.failedFuture(cause);
    }
    if (found.isEmpty()) {
      return CompletableFuture.failedFuture(
          new RpcException(RpcErrorCodes.NOT_FOUND, "No such transaction: " + txid));
    }
    ObjectNode o = Views.JSON.objectNode().put("txid", txid);
    Txids.placement(o, found.get());
    return CompletableFuture.completedFuture(o);
  }
}
