package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** getnewaddress [label]: a new address of the wallet (from its key pool while locked). */
public final class GetNewAddress implements RpcMethod {
  private final WalletKeys wallet;

  public GetNewAddress(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "getnewaddress";
  }

  @Override
  public String help() {
    return "getnewaddress [label] - A new address of the wallet.\n"
        + "While the wallet is locked it comes from the key pool.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("label");
    try {
      return Views.JSON.textNode(wallet.newAddress(WalletCalls.optionalString(params, 0, "label")));
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
