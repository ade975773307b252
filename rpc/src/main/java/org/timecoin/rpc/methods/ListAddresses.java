package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** listaddresses: the wallet's addresses with their labels, oldest first. */
public final class ListAddresses implements RpcMethod {
  private final WalletKeys wallet;

  public ListAddresses(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "listaddresses";
  }

  @Override
  public String help() {
    return "listaddresses - The wallet's addresses with their labels, oldest first.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    for (WalletKeys.WalletEntry e : wallet.addresses()) {
      out.addObject().put("address", e.address()).put("label", e.label());
    }
    return out;
  }
}
