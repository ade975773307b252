package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.PeerView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** The connected peers. */
public final class GetPeerInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetPeerInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getpeerinfo";
  }

  @Override
  public String help() {
    return "getpeerinfo - The connected peers: key, address, direction, height, ping and traffic.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    for (PeerView p : chain.peers()) {
      out.addObject()
          .put("id", p.nodeId())
          .put("addr", p.address())
          .put("inbound", p.inbound())
          .put("height", p.height())
          .put("pingtime_ms", p.rttMillis())
          .put("conntime_s", p.connectedSeconds())
          .put("bytesrecv", p.bytesIn())
          .put("bytessent", p.bytesOut());
    }
    return out;
  }
}
