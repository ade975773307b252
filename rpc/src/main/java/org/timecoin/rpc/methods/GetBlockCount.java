package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Height of the best finalized block. */
public final class GetBlockCount implements RpcMethod {
  private final ChainQueries chain;

  public GetBlockCount(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getblockcount";
  }

  @Override
  public String help() {
    return "getblockcount - Height of the best finalized block.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    return Views.JSON.numberNode(chain.height());
  }
}
