package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletTxView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * gettransaction &lt;txid&gt;: a transaction of the wallet with its amount and fee (units), state
 * (pending, mempool, final, rejected), confirmations, block hash and height.
 */
public final class GetTransaction implements RpcMethod {
  private final WalletService wallet;

  public GetTransaction(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "gettransaction";
  }

  @Override
  public String help() {
    return "gettransaction <txid> - A wallet transaction.\n"
        + "Amount and fee in units, state (pending, mempool, final, rejected), confirmations, blockhash, blockheight.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("txid");
    String txid = Txids.parse(params.requiredString(0, "txid"));
    try {
      return wallet
          .transaction(txid)
          .map(GetTransaction::view)
          .orElseThrow(
              () ->
                  new RpcException(
                      RpcErrorCodes.NOT_FOUND, "Invalid or non-wallet transaction id " + txid));
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
  }

  static ObjectNode view(WalletTxView t) {
    ObjectNode o = Views.JSON.objectNode();
    o.put("txid", t.txid());
    o.put("amount", t.amount());
    o.put("fee", t.fee());
    o.put("state", t.state());
    o.put("finalized", "final".equals(t.state()));
    o.put("confirmations", t.confirmations());
    if (t.blockHeight() >= 0) {
      o.put("blockhash", t.blockHash());
      o.put("blockheight", t.blockHeight());
    }
    if (t.reason() != null) {
      o.put("reason", t.reason());
    }
    o.put("time", t.timeMillis() / 1000);
    return o;
  }
}
