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
 * getrawtransaction <txid> [verbose=false]: the transaction as hex, or as an object with its block.
 */
public final class GetRawTransaction implements RpcMethod {
  private final ChainQueries chain;

  public GetRawTransaction(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getrawtransaction";
  }

  @Override
  public String help() {
    return "getrawtransaction <txid> [verbose=false] - A transaction, as hex or as an object.\n"
        + "verbose false: the canonical encoding, hex; true: an object with inputs, outputs, hex and its block.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("txid", "verbose");
    String txid = Txids.parse(params.requiredString(0, "txid"));
    boolean verbose = params.optionalLong(1, "verbose", 0, 0, 1) == 1;
    TxLookup t =
        chain
            .transaction(txid)
            .orElseThrow(
                () -> new RpcException(RpcErrorCodes.NOT_FOUND, "No such transaction: " + txid));
    if (!verbose) {
      return Views.JSON.textNode(t.rawHex());
    }
    ObjectNode o = Views.tx(t.tx());
    o.put("hex", t.rawHex());
    Txids.placement(o, t);
    return o;
  }
}
