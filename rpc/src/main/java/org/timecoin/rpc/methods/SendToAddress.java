package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * sendtoaddress &lt;address&gt; &lt;amount&gt; [fee_rate]: pays amount TIME from the wallet,
 * signed, with change back to it; returns the txid once the mempool admitted it. No worker waits
 * while the transaction is validated.
 */
public final class SendToAddress implements RpcMethod {
  /** Highest fee rate accepted, units per byte: far above any sane fee, below overflow. */
  static final long MAX_FEE_RATE = 100_000_000;

  private final WalletService wallet;

  public SendToAddress(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "sendtoaddress";
  }

  @Override
  public String help() {
    return "sendtoaddress <address> <amount> [fee_rate] - Pays amount TIME (up to 8 decimals) from the wallet.\n"
        + "fee_rate is in units per byte (default: the node's minimum). Returns the txid.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    return WalletErrors.join(callAsync(params));
  }

  @Override
  public CompletableFuture<JsonNode> callAsync(Params params) {
    String address;
    long amount;
    Optional<Long> feeRate;
    try {
      params.accept("address", "amount", "fee_rate");
      address = params.requiredString(0, "address");
      amount = AmountParam.required(params, 1, "amount");
      feeRate =
          params.get(2, "fee_rate") == null
              ? Optional.empty()
              : Optional.of(params.optionalLong(2, "fee_rate", 0, 0, MAX_FEE_RATE));
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    return WalletErrors.mapped(
        wallet.send(address, amount, feeRate).thenApply(s -> Views.JSON.textNode(s.txid())));
  }
}
