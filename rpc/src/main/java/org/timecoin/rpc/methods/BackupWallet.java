package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * backupwallet <destination>: copies the wallet file to an absolute path or into a directory; never
 * overwrites.
 */
public final class BackupWallet implements RpcMethod {
  private final WalletKeys wallet;

  public BackupWallet(WalletKeys wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "backupwallet";
  }

  @Override
  public String help() {
    return "backupwallet <destination> - Copies the wallet file to an absolute path or into a directory.\n"
        + "An existing file is never overwritten.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("destination");
    try {
      return Views.JSON.textNode(wallet.backup(params.requiredString(0, "destination")));
    } catch (WalletException e) {
      throw WalletCalls.error(e);
    }
  }
}
