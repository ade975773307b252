package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * mergeutxos &lt;min_count&gt; &lt;max_count&gt; [address]: spends up to max_count of the wallet's
 * smallest coins into one output (to address, or a wallet address), signed; refuses when fewer than
 * min_count coins are spendable.
 */
public final class MergeUtxos implements RpcMethod {
  static final long MAX_COUNT = 100_000;

  private final WalletService wallet;

  public MergeUtxos(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "mergeutxos";
  }

  @Override
  public String help() {
    return "mergeutxos <min_count> <max_count> [address] - Merges the wallet's smallest coins into one output.\n"
        + "Merges up to max_count coins when at least min_count are there. Returns txid, merged count, amount and fee in units.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    return WalletErrors.join(callAsync(params));
  }

  @Override
  public CompletableFuture<JsonNode> callAsync(Params params) {
    int min;
    int max;
    Optional<String> address;
    try {
      params.accept("min_count", "max_count", "address");
      if (params.get(0, "min_count") == null || params.get(1, "max_count") == null) {
        throw RpcException.invalidParams("min_count and max_count are required");
      }
      min = (int) params.optionalLong(0, "min_count", 2, 2, MAX_COUNT);
      max = (int) params.optionalLong(1, "max_count", 2, 2, MAX_COUNT);
      if (max < min) {
        throw RpcException.invalidParams("max_count must be at least min_count");
      }
      address =
          params.get(2, "address") == null
              ? Optional.empty()
              : Optional.of(params.requiredString(2, "address"));
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    return WalletErrors.mapped(
        wallet
            .merge(min, max, address)
            .thenApply(
                s ->
                    (JsonNode)
                        Views.JSON
                            .objectNode()
                            .put("txid", s.txid())
                            .put("merged", s.inputs())
                            .put("amount", s.amount())
                            .put("fee", s.fee())));
  }
}
