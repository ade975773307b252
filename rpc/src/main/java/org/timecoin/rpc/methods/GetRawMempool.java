package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Txids waiting in the mempool, best fee rate first. */
public final class GetRawMempool implements RpcMethod {
  private final ChainQueries chain;

  public GetRawMempool(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getrawmempool";
  }

  @Override
  public String help() {
    return "getrawmempool - Txids waiting in the mempool, best fee rate first.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    chain.mempoolTxids().forEach(out::add);
    return out;
  }
}
