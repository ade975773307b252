package org.timecoin.rpc.server;

import java.util.Set;

/**
 * The methods a read-only user may not call: stopping the node, and every wallet method that moves
 * coins, changes how keys are protected or lets keys out. A method counts as admin when it says so
 * ({@link RpcMethod#admin()}) or when its name is listed here, so a wallet method that forgets to
 * override {@code admin()} is still refused.
 */
public final class AdminMethods {
  public static final Set<String> NAMES =
      Set.of(
          "stop",
          "sendtoaddress",
          "mergeutxos",
          "signrawtransactionwithwallet",
          "dumpprivkey",
          "importprivkey",
          "backupwallet",
          "encryptwallet",
          "walletpassphrase",
          "walletlock",
          "getnewaddress");

  private AdminMethods() {}

  public static boolean isAdmin(RpcMethod m) {
    return m.admin() || NAMES.contains(m.name());
  }
}
