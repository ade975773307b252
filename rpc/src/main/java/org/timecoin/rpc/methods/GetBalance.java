package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** getbalance <address>: total of the unspent outputs paying the address, in units. */
public final class GetBalance implements RpcMethod {
  private final ChainQueries chain;

  public GetBalance(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getbalance";
  }

  @Override
  public String help() {
    return "getbalance <address> - Total of the unspent outputs paying the address, in units.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address");
    long total = 0;
    for (UnspentOutput u :
        Addresses.unspent(chain, params.requiredString(0, "address"), Integer.MAX_VALUE)) {
      total = Math.addExact(total, u.amount());
    }
    return Views.JSON.numberNode(total);
  }
}
