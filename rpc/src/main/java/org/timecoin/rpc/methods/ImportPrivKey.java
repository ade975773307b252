package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * importprivkey <privkey> [label]: adds a private key (as dumpprivkey prints it) to the wallet;
 * returns its address.
 */
public final class ImportPrivKey implements RpcMethod {
  private final WalletKeys wallet;

  public ImportPrivKey(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "importprivkey";
  }

  @Override
  public String help() {
    return "importprivkey <privkey> [label] - Adds a private key to the wallet and returns its address.\n"
        + "The key is given as dumpprivkey prints it.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("privkey", "label");
    try {
      return Views.JSON.textNode(
          wallet.importPrivateKey(
              params.requiredString(0, "privkey"), WalletCalls.optionalString(params, 1, "label")));
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
