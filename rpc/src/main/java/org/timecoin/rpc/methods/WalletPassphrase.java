package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** walletpassphrase <passphrase> <timeout>: unlocks the wallet for timeout seconds. */
public final class WalletPassphrase implements RpcMethod {
  private final WalletKeys wallet;

  public WalletPassphrase(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "walletpassphrase";
  }

  @Override
  public String help() {
    return "walletpassphrase <passphrase> <timeout> - Unlocks the wallet for timeout seconds.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("passphrase", "timeout");
    try {
      long seconds = WalletCalls.requiredLong(params, 1, "timeout", 1, Long.MAX_VALUE);
      wallet.unlock(WalletCalls.passphrase(params, 0), seconds);
      return Views.JSON.nullNode();
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
