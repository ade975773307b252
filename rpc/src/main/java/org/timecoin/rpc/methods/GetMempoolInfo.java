package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MempoolView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Mempool size, bytes and limits. */
public final class GetMempoolInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetMempoolInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getmempoolinfo";
  }

  @Override
  public String help() {
    return "getmempoolinfo - Mempool size, bytes and limits.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    MempoolView m = chain.mempool();
    return Views.JSON
        .objectNode()
        .put("size", m.size())
        .put("bytes", m.bytes())
        .put("maxtxs", m.maxTxs())
        .put("maxmempool", m.maxBytes())
        .put("minrelaytxfee", m.minFee())
        .put("accepted", m.accepted())
        .put("rejected", m.rejected());
  }
}
