package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** listunspent <address> [limit=1000]: unspent outputs paying the address. */
public final class ListUnspent implements RpcMethod {
  private final ChainQueries chain;

  public ListUnspent(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "listunspent";
  }

  @Override
  public String help() {
    return "listunspent <address> [limit=1000] - Unspent outputs paying the address.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address", "limit");
    String address = params.requiredString(0, "address");
    int limit = (int) params.optionalLong(1, "limit", 1000, 1, 100_000);
    ArrayNode out = Views.JSON.arrayNode();
    for (UnspentOutput u : Addresses.unspent(chain, address, limit)) {
      out.addObject()
          .put("txid", u.txid())
          .put("vout", u.vout())
          .put("address", u.address())
          .put("amount", u.amount())
          .put("height", u.height())
          .put("coinbase", u.coinbase());
    }
    return out;
  }
}
