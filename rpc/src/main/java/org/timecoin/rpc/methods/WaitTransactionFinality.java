package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
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
    return chain
        .awaitFinality(txid, Duration.ofSeconds(timeout))
        .thenCompose(
            found -> {
              if (found.isEmpty()) {
                return CompletableFuture.failedFuture(
                    new RpcException(RpcErrorCodes.NOT_FOUND, "No such transaction: " + txid));
              }
              ObjectNode o = Views.JSON.objectNode().put("txid", txid);
              Txids.placement(o, found.get());
              return CompletableFuture.completedFuture(o);
            });
  }
}
