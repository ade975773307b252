package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * signrawtransactionwithwallet &lt;hex&gt;: fills in the public key and signature of every input
 * spending a wallet coin; returns {hex, complete}, complete when every input's signature verifies.
 */
public final class SignRawTransactionWithWallet implements RpcMethod {
  private final WalletService wallet;

  public SignRawTransactionWithWallet(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "signrawtransactionwithwallet";
  }

  @Override
  public String help() {
    return "signrawtransactionwithwallet <hexstring> - Signs the inputs that spend wallet coins.\n"
        + "Returns {hex, complete}.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("hexstring");
    String hex = params.requiredString(0, "hexstring");
    try {
      WalletService.SignedRaw s = wallet.signRaw(hex);
      return Views.JSON.objectNode().put("hex", s.hex()).put("complete", s.complete());
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
  }
}
