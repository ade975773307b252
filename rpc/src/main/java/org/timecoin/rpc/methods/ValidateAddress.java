package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.AddressCheck;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * validateaddress &lt;address&gt;: whether the address is valid for this node's network, which
 * network it is for, and if invalid why.
 */
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
    return "validateaddress <address> - Whether the address is valid here, and which network it is for.\n"
        + "isvalid: true only for a well-formed address of this node's network.\n"
        + "network: testnet or mainnet, as the address prefix (TIME0, TIME1) says, even when invalid.\n"
        + "error: why it is invalid (wrong network, bad checksum, bad character, wrong length).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address");
    AddressCheck a = chain.validateAddress(params.requiredString(0, "address"));
    ObjectNode o = Views.JSON.objectNode().put("isvalid", a.valid());
    if (a.address() != null) {
      o.put("address", a.address());
    }
    if (a.network() != null) {
      o.put("network", a.network());
    }
    if (!a.valid()) {
      o.put("error", a.error());
    }
    return o;
  }
}
