package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.timecoin.node.api.SubmitResult;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * sendrawtransaction <hex>: submits a signed transaction (canonical encoding, hex); returns its
 * txid.
 */
public final class SendRawTransaction implements RpcMethod {
  private final TransactionSubmitter submitter;

  public SendRawTransaction(TransactionSubmitter submitter) {
    this.submitter = submitter;
  }

  @Override
  public String name() {
    return "sendrawtransaction";
  }

  @Override
  public String help() {
    return "sendrawtransaction <hex> - Submits a signed transaction (canonical encoding, hex); returns its txid.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    try {
      return callAsync(params).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RpcException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Never holds a worker thread while the mempool validates the transaction. */
  @Override
  public CompletableFuture<JsonNode> callAsync(Params params) {
    byte[] tx;
    try {
      params.accept("hexstring", "maxfeerate");
      String hex = params.requiredString(0, "hexstring");
      if (hex.isEmpty()
          || hex.length() % 2 != 0
          || !hex.chars().allMatch(SendRawTransaction::isHex)) {
        throw new RpcException(RpcErrorCodes.DESERIALIZATION_ERROR, "TX decode failed: not hex");
      }
      tx = HexFormat.of().parseHex(hex);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submitter.submitAsync(tx).thenCompose(SendRawTransaction::answer);
  }

  private static CompletableFuture<JsonNode> answer(SubmitResult r) {
    if (r.accepted()) {
      return CompletableFuture.completedFuture(Views.JSON.textNode(r.txid()));
    }
    int code =
        SubmitResult.DECODE_FAILED.equals(r.rejectCode())
            ? RpcErrorCodes.DESERIALIZATION_ERROR
            : RpcErrorCodes.VERIFY_REJECTED;
    return CompletableFuture.failedFuture(
        new RpcException(code, r.rejectCode() + ": " + r.message()));
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
