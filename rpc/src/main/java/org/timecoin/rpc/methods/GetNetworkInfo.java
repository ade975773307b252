package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.NetworkView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Node key, listen address, protocol version and connection counts. */
public final class GetNetworkInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetNetworkInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getnetworkinfo";
  }

  @Override
  public String help() {
    return "getnetworkinfo - Node key, listen address, protocol version, connection counts and"
        + " the peers' median clock offset (timeoffset, seconds).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    NetworkView n = chain.networkInfo();
    if (n == null) {
      throw new RpcException(RpcErrorCodes.INTERNAL_ERROR, "network not started");
    }
    return Views.JSON
        .objectNode()
        .put("nodekey", n.nodeKey())
        .put("localaddress", n.listenAddress())
        .put("protocolversion", n.protocolVersion())
        .put("connections", n.connections())
        .put("connections_in", n.inbound())
        .put("connections_out", n.outbound())
        // Seconds, as bitcoind reports it; the peers' median clock minus ours.
        .put("timeoffset", n.timeOffsetMillis() / 1000)
        .put("timeoffset_ms", n.timeOffsetMillis());
  }
}
