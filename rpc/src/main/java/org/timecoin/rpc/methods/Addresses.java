package org.timecoin.rpc.methods;

import java.util.List;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;

/** Address lookups that turn a malformed address into the Bitcoin-style invalid-address error. */
final class Addresses {
  private Addresses() {}

  static List<UnspentOutput> unspent(ChainQueries chain, String address, int limit)
      throws RpcException {
    try {
      return chain.unspent(address, limit);
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcErrorCodes.NOT_FOUND, "Invalid address: " + e.getMessage());
    }
  }
}
