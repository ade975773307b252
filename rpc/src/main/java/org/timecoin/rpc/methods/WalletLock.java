package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** walletlock: locks the wallet now, forgetting its keys until the next walletpassphrase. */
public final class WalletLock implements RpcMethod {
  private final WalletKeys wallet;

  public WalletLock(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "walletlock";
  }

  @Override
  public String help() {
    return "walletlock - Locks the wallet now.\n"
        + "Its keys are forgotten until the next walletpassphrase.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    try {
      wallet.lock();
      return Views.JSON.nullNode();
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
