package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * getwalletinfo: whether the wallet is encrypted and locked, until when it is unlocked (Unix
 * seconds, 0 while locked; only for an encrypted wallet), how many addresses it has and how many
 * keys wait in its pool.
 */
public final class GetWalletInfo implements RpcMethod {
  private final WalletKeys wallet;

  public GetWalletInfo(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "getwalletinfo";
  }

  @Override
  public String help() {
    return "getwalletinfo - The state of the wallet.\n"
        + "encrypted, locked, unlocked_until (Unix seconds), keys (addresses handed out) and keypoolsize.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    WalletKeys.WalletInfo info = wallet.info();
    if (!info.exists()) {
      throw WalletCalls.error(
          new WalletException(
              WalletException.Kind.NO_WALLET,
              "no wallet yet: create one with encryptwallet <passphrase>"));
    }
    ObjectNode o =
        Views.JSON.objectNode().put("encrypted", info.encrypted()).put("locked", info.locked());
    if (info.encrypted()) {
      o.put("unlocked_until", info.unlockedUntil());
    }
    return o.put("keys", info.keys()).put("keypoolsize", info.keypool());
  }
}
