package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletTxView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** listtransactions [count=10]: the wallet's latest transactions, oldest of them first. */
public final class ListTransactions implements RpcMethod {
  static final long MAX_COUNT = 10_000;

  private final WalletService wallet;

  public ListTransactions(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "listtransactions";
  }

  @Override
  public String help() {
    return "listtransactions [count=10] - The wallet's latest transactions, oldest first.\n"
        + "Each as gettransaction shows it.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("count");
    int count = (int) params.optionalLong(0, "count", 10, 1, MAX_COUNT);
    ArrayNode out = Views.JSON.arrayNode();
    try {
      for (WalletTxView t : wallet.transactions(count)) {
        out.add(GetTransaction.view(t));
      }
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
    return out;
  }
}
