package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * decoderawtransaction &lt;hex&gt;: the transaction encoded in hex, as getrawtransaction shows it.
 */
public final class DecodeRawTransaction implements RpcMethod {
  private final WalletService wallet;

  public DecodeRawTransaction(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "decoderawtransaction";
  }

  @Override
  public String help() {
    return "decoderawtransaction <hexstring> - A transaction in hex (canonical encoding), as JSON.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("hexstring");
    String hex = params.requiredString(0, "hexstring");
    try {
      return Views.tx(wallet.decodeRaw(hex));
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
  }
}
