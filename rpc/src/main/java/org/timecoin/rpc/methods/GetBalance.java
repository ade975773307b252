package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * getbalance [address]: without an address the wallet's total, with one the total of the unspent
 * outputs paying it (any address, from the chain); in units.
 */
public final class GetBalance implements RpcMethod {
  private final ChainQueries chain;
  private final WalletService wallet;

  /** Without a wallet: only the per-address form answers. */
  public GetBalance(ChainQueries chain) {
    this(chain, WalletService.NONE);
  }

  public GetBalance(ChainQueries chain, WalletService wallet) {
    this.chain = chain;
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "getbalance";
  }

  @Override
  public String help() {
    return "getbalance [address] - The wallet's total, or the total of the unspent outputs paying"
        + " the address; in units.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("address");
    if (params.get(0, "address") == null) {
      try {
        return Views.JSON.numberNode(wallet.balance());
      } catch (WalletException e) {
        throw WalletErrors.of(e);
      }
    }
    long total = 0;
    for (UnspentOutput u :
        Addresses.unspent(chain, params.requiredString(0, "address"), Integer.MAX_VALUE)) {
      total = Math.addExact(total, u.amount());
    }
    return Views.JSON.numberNode(total);
  }
}
