package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.AddressCheck;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** validateaddress <address>: whether the address is valid and its network. */
public final class ValidateAddress implements RpcMethod {
  private final ChainQueries chain;

  public ValidateAddress(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "validateaddress";
  }

  @Override
  public String help() {
    return "validateaddress - validateaddress <address>: whether the address is valid and its network.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address");
    AddressCheck a = chain.validateAddress(params.requiredString(0, "address"));
    ObjectNode o = Views.JSON.objectNode().put("isvalid", a.valid());
    if (a.valid()) {
      o.put("address", a.address()).put("network", a.network());
    } else {
      o.put("error", a.error());
    }
    return o;
  }
}
