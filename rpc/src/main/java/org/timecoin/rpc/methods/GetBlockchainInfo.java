package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.ChainInfo;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Chain identity, tip and sync state. */
public final class GetBlockchainInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetBlockchainInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getblockchaininfo";
  }

  @Override
  public String help() {
    return "getblockchaininfo - Chain identity, tip and sync state.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ChainInfo c = chain.chainInfo();
    ObjectNode o = Views.JSON.objectNode();
    o.put("chain", c.network());
    o.put("chainid", c.chainId());
    o.put("genesishash", c.genesisHash());
    o.put("blocks", c.height());
    o.put("headers", Math.max(c.height(), c.bestPeerHeight()));
    o.put("bestblockhash", c.bestBlockHash());
    o.put("time", c.bestBlockTime());
    o.put("stateroot", c.stateRoot());
    o.put("initialblockdownload", c.syncing());
    o.put("validators", c.validators());
    o.put("validator", c.validator());
    return o;
  }
}
