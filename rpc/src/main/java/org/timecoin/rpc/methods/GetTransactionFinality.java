package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.TxLookup;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * gettransactionfinality <txid>: whether the transaction is final (in a finalized block) or
 * waiting.
 */
public final class GetTransactionFinality implements RpcMethod {
  private final ChainQueries chain;

  public GetTransactionFinality(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "gettransactionfinality";
  }

  @Override
  public String help() {
    return "gettransactionfinality <txid> - Whether the transaction is final (in a finalized block) or waiting.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("txid");
    String txid = Txids.parse(params.requiredString(0, "txid"));
    TxLookup t =
        chain
            .transaction(txid)
            .orElseThrow(
                () -> new RpcException(RpcErrorCodes.NOT_FOUND, "No such transaction: " + txid));
    ObjectNode o = Views.JSON.objectNode().put("txid", txid);
    Txids.placement(o, t);
    return o;
  }
}
