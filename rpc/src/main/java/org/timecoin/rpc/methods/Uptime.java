package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Seconds since the node started. */
public final class Uptime implements RpcMethod {
  private final ChainQueries chain;

  public Uptime(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "uptime";
  }

  @Override
  public String help() {
    return "uptime - Seconds since the node started.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    return Views.JSON.numberNode(chain.uptimeSeconds());
  }
}
