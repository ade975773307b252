package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Hash of the best finalized block (hex). */
public final class GetBestBlockHash implements RpcMethod {
  private final ChainQueries chain;

  public GetBestBlockHash(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getbestblockhash";
  }

  @Override
  public String help() {
    return "getbestblockhash - Hash of the best finalized block (hex).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    return Views.JSON.textNode(chain.chainInfo().bestBlockHash());
  }
}
