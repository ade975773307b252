package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * dumpprivkey <address>: the private key of a wallet address; only while the wallet is unlocked.
 */
public final class DumpPrivKey implements RpcMethod {
  private final WalletKeys wallet;

  public DumpPrivKey(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "dumpprivkey";
  }

  @Override
  public String help() {
    return "dumpprivkey <address> - The private key of a wallet address.\n"
        + "Only while the wallet is unlocked.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address");
    try {
      return Views.JSON.textNode(wallet.dumpPrivateKey(params.requiredString(0, "address")));
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
