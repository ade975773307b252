package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** encryptwallet <passphrase>: encrypts the wallet (or creates an encrypted one) and locks it. */
public final class EncryptWallet implements RpcMethod {
  private final WalletKeys wallet;

  public EncryptWallet(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "encryptwallet";
  }

  @Override
  public String help() {
    return "encryptwallet <passphrase> - Encrypts the wallet (or creates an encrypted one) and locks it.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("passphrase");
    try {
      wallet.encrypt(WalletCalls.passphrase(params, 0));
      return Views.JSON.textNode(
          "wallet encrypted and locked; unlock it with walletpassphrase. Back it up again:"
              + " backups made before hold the keys unencrypted");
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
